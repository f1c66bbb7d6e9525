import type { Kysely } from 'kysely';
import type { CiVersion } from '../../../core/ci/ci.types.js';
import type { CiRef } from '../../../core/ci/desired-state.js';
import { rowToCi } from '../../conversion/cmdb.js';
import type { Database } from '../../database.js';
import { idChunks, nameChunksByClass } from './ci-refs.js';
import type { BulkTarget } from './insert-versions.js';

/** Every ended version of these CIs (drift compares an observation with their past). */
export async function pastVersions({ db }: BulkTarget, ciIds: string[]): Promise<CiVersion[]> {
  const out: CiVersion[] = [];
  for (const part of idChunks(ciIds))
    out.push(...(await endedVersions(db).where('id', 'in', part).execute()).map(rowToCi));
  return out;
}

/** Every ended version written under these names. */
export async function pastVersionsByRef({ db }: BulkTarget, refs: CiRef[]): Promise<CiVersion[]> {
  const out: CiVersion[] = [];
  for (const [cls, part] of nameChunksByClass(refs))
    out.push(...(await endedVersions(db).where('class', '=', cls).where('name', 'in', part).execute()).map(rowToCi));
  return out;
}

function endedVersions(db: Kysely<Database>) {
  return db.selectFrom('ci_versions').selectAll().where('rev_to', 'is not', null);
}
