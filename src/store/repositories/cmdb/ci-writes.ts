import type { CiVersion } from '../../../core/ci/ci.types.js';
import type { VersionKey } from '../../../core/cmdb/cmdb.port.js';
import { CI_ROWS } from '../../conversion/cmdb.js';
import { QueryTemplate } from '../../query-template.js';
import { endVersions } from './end-versions.js';
import { insertVersionsOf, type BulkTarget } from './insert-versions.js';

/**
 * Ends one version, found by its whole primary key. By id alone, PostgreSQL with stale statistics
 * (after an import, before an ANALYZE) intersected the primary key with a scan of the whole
 * current-row index `ux_ci_current`, whose predicate `rev_to IS NULL` the query implies: 0.7 ms
 * at 20 000 CIs, growing with the CMDB (issue 14).
 */
const END_ONE = new QueryTemplate(3, (db, id: string, revFrom: number, rev: number) =>
  db
    .updateTable('ci_versions')
    .set({ rev_to: rev })
    .where('id', '=', id)
    .where('rev_from', '=', revFrom)
    .where('rev_to', 'is', null),
);

/** Ends these current CI versions at `rev`: one compiled statement for one, else endVersions. */
export async function endCiVersions(on: BulkTarget, versions: readonly VersionKey[], rev: number): Promise<void> {
  if (versions.length === 1) return void (await END_ONE.executeIn(on, versions[0]!.id, versions[0]!.revFrom, rev));
  await endVersions(on, 'ci_versions', versions, rev);
}

export async function insertCiVersions(on: BulkTarget, rows: CiVersion[]): Promise<void> {
  await insertVersionsOf(on, 'ci_versions', rows, CI_ROWS, 'a current CI with one of these class/name pairs');
}
