import type { CiVersion, RelationVersion } from '../../../core/ci/ci.types.js';
import type { VersionChains } from '../../../core/revision/revision.types.js';
import { jsonInterner } from '../../conversion/values.js';
import { QueryTemplate } from '../../query-template.js';
import type { BulkTarget } from './insert-versions.js';
import { jsonText } from './json-text.js';
import { rowArrays } from './row-arrays.js';
import { anyBegunBetween, endedBetween } from './version-ranges.js';

const COMPARED_CI_COLUMNS = [
  'id',
  'rev_from',
  'rev_to',
  'class',
  'name',
  'status',
  jsonText('attributes'),
  jsonText('labels'),
  'source',
  'hash',
] as const;
const COMPARED_RELATION_COLUMNS = [
  'id',
  'rev_from',
  'rev_to',
  'type',
  'source_id',
  'target_id',
  jsonText('attributes'),
  'source',
  'hash',
] as const;

/**
 * A diff's versions of one table in ONE statement, compiled once (query-template.ts): those live at
 * `lo` that ended in (lo, hi] (`rev_from ≤ lo`), then every version begun in (lo, hi]
 * (`rev_from > lo`). The halves are disjoint and each keeps its own index range scan (`rev_to`,
 * `rev_from`); one statement is one round trip on PostgreSQL, and no query built per diff.
 * Arguments: lo, hi, lo (ended), lo, hi (begun).
 */
const CI_CHAINS = new QueryTemplate(
  5,
  (db, endedAfter: number, endedBy: number, liveAt: number, after: number, by: number) =>
    endedBetween(db.selectFrom('ci_versions').select(COMPARED_CI_COLUMNS), endedAfter, endedBy, liveAt).unionAll(
      anyBegunBetween(db.selectFrom('ci_versions').select(COMPARED_CI_COLUMNS), after, by),
    ),
);
const RELATION_CHAINS = new QueryTemplate(
  5,
  (db, endedAfter: number, endedBy: number, liveAt: number, after: number, by: number) =>
    endedBetween(
      db.selectFrom('relation_versions').select(COMPARED_RELATION_COLUMNS),
      endedAfter,
      endedBy,
      liveAt,
    ).unionAll(anyBegunBetween(db.selectFrom('relation_versions').select(COMPARED_RELATION_COLUMNS), after, by)),
);

/** The versions a diff of (fromRev, toRev] compares: those ended and those begun, per table. */
export async function versionChainsBetween(
  { db, native }: BulkTarget,
  fromRev: number,
  toRev: number,
): Promise<VersionChains> {
  // A diff compares and shows attributes, never their sources: the largest JSON column after
  // attributes is neither read nor parsed (attributeSources comes back empty). Rows come as
  // arrays (row-arrays.ts), each turned straight into its version: no row object per version in
  // between. Both statements are issued at once: on PostgreSQL the pool runs them on two
  // connections (in a transaction its one connection pipelines them), one round trip of waiting
  // instead of two.
  const [cis, relations] = await Promise.all([
    rowArrays(db, native, CI_CHAINS.with(db, fromRev, toRev, fromRev, fromRev, toRev)),
    rowArrays(db, native, RELATION_CHAINS.with(db, fromRev, toRev, fromRev, fromRev, toRev)),
  ]);
  // Equal JSON texts parse once, to one object: the diff then finds an unchanged field (most
  // labels, the attributes of a status change) identical without comparing it key by key.
  const json = jsonInterner();
  const out: VersionChains = { cisEnded: [], cisBegun: [], relationsEnded: [], relationsBegun: [] };
  // Columns in COMPARED_CI_COLUMNS' order; rev_from (1) tells the halves apart.
  for (const r of cis) {
    const v: CiVersion = {
      id: r[0] as string,
      class: r[3] as string,
      name: r[4] as string,
      status: r[5] as CiVersion['status'],
      attributes: json(r[6]),
      labels: json(r[7]),
      source: r[8] as string,
      hash: r[9] as string,
      revFrom: r[1] as number,
      revTo: r[2] as number | null,
      attributeSources: {},
    };
    (v.revFrom <= fromRev ? out.cisEnded : out.cisBegun).push(v);
  }
  // Columns in COMPARED_RELATION_COLUMNS' order.
  for (const r of relations) {
    const v: RelationVersion = {
      id: r[0] as string,
      revFrom: r[1] as number,
      revTo: r[2] as number | null,
      type: r[3] as string,
      sourceId: r[4] as string,
      targetId: r[5] as string,
      attributes: json(r[6]),
      source: r[7] as string,
      hash: r[8] as string,
    };
    (v.revFrom <= fromRev ? out.relationsEnded : out.relationsBegun).push(v);
  }
  return out;
}
