import { CompiledQuery, type Kysely } from 'kysely';
import type { CiDigest, CiHash } from '../../../core/ci/ci.types.js';
import type { CiRef } from '../../../core/ci/desired-state.js';
import { lazyCiDigest } from '../../conversion/lazy-versions.js';
import type { Database } from '../../database.js';
import { nameChunksByClass, namesByClass } from './ci-refs.js';
import type { BulkTarget } from './insert-versions.js';
import { rowArrays } from './row-arrays.js';

/**
 * SQLite: the current CIs named in a JSON array (first parameter) of one class (second), one probe
 * of the current-row index each. CROSS JOIN keeps the names as the outer loop: with a plain join
 * the planner scanned the class's whole range of the index for every name (minutes at 100 000).
 */
const CI_HASHES = `select c.id, c.name, c.hash from json_each(?) j
  cross join ci_versions c on c.class = ? and c.name = j.value and c.rev_to is null`;

/**
 * SQLite: the current CIs of one class whose names lie between two (second and third parameters),
 * along the current-row index, at most as many as the fourth. A re-import gives a class's CIs in
 * the order it first gave them, which is mostly the names' order: a batch's names then span a
 * range holding little else, read in one pass where a probe per name descends the index each time.
 */
const CI_HASHES_BETWEEN = `select id, name, hash from ci_versions
  where class = ? and name >= ? and name <= ? and rev_to is null limit ?`;

/** The current versions of one class's CIs with these names (an `in` list). */
function currentByName(db: Kysely<Database>, cls: string, names: string[]) {
  return db.selectFrom('ci_versions').where('class', '=', cls).where('name', 'in', names).where('rev_to', 'is', null);
}

/** The current CIs of these references without their attributes, for a re-import's screen. */
export async function currentCiDigests({ db }: BulkTarget, refs: CiRef[]): Promise<CiDigest[]> {
  const out: CiDigest[] = [];
  for (const [cls, part] of nameChunksByClass(refs)) {
    const rows = await currentByName(db, cls, part)
      .select(['id', 'class', 'name', 'status', 'labels', 'source', 'rev_from', 'hash'])
      .execute();
    for (const r of rows) out.push(lazyCiDigest(r));
  }
  return out;
}

/** The id and content hash of the current CIs of these references, for a re-import's screen. */
export async function currentCiHashes({ db, native }: BulkTarget, refs: CiRef[]): Promise<CiHash[]> {
  const out: CiHash[] = [];
  if (native) {
    // SQLite: the names bound as one JSON array, the rows read as arrays on the driver itself
    // (a re-import asks for 5 000 per batch: no IN list to compile, no object per row).
    for (const [cls, names] of namesByClass(refs)) {
      const query = CompiledQuery.raw(CI_HASHES, [JSON.stringify([...new Set(names)]), cls]);
      const rows = (await rowArrays(db, native, query)) as [string, string, string][];
      for (const [id, name, hash] of rows) out.push({ id, class: cls, name, hash });
    }
    return out;
  }
  for (const [cls, part] of nameChunksByClass(refs)) {
    const rows = await currentByName(db, cls, part).select(['id', 'name', 'hash']).execute();
    for (const r of rows) out.push({ id: r.id, class: cls, name: r.name, hash: r.hash });
  }
  return out;
}

/**
 * SQLite: the current CIs of one class among `names` that the range from their least to their
 * greatest name holds (CI_HASHES_BETWEEN), pushed to `out`; returns the names not found there,
 * for the probe per name. Exact whatever the range holds: a row is kept only for a name asked,
 * and a name the range did not give (absent, past the limit, or ordered otherwise by the store)
 * is probed. Reading at most twice as many rows as names bounds what a sparse range costs.
 */
async function hashesInRange(
  db: Kysely<Database>,
  native: NonNullable<BulkTarget['native']>,
  cls: string,
  names: Set<string>,
  out: CiHash[],
): Promise<string[]> {
  let least: string | undefined;
  let greatest: string | undefined;
  for (const name of names) {
    if (least === undefined || name < least) least = name;
    if (greatest === undefined || name > greatest) greatest = name;
  }
  if (least === undefined || greatest === undefined) return [];
  const query = CompiledQuery.raw(CI_HASHES_BETWEEN, [cls, least, greatest, 2 * names.size]);
  const rows = (await rowArrays(db, native, query)) as [string, string, string][];
  const found = new Set<string>();
  for (const [id, name, hash] of rows)
    if (names.has(name)) {
      out.push({ id, class: cls, name, hash });
      found.add(name);
    }
  if (found.size === names.size) return [];
  const missing: string[] = [];
  for (const name of names) if (!found.has(name)) missing.push(name);
  return missing;
}
