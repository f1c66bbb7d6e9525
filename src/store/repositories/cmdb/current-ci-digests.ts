import { CompiledQuery } from 'kysely';
import type { CiDigest, CiHash } from '../../../core/ci/ci.types.js';
import type { CiRef } from '../../../core/ci/desired-state.js';
import { lazyCiDigest } from '../../conversion/lazy-versions.js';
import { byRefsPg, nameChunksByClass, namesByClass, OF_REF, refArrays } from './ci-refs.js';
import type { CiVersionRow } from './cmdb.table.js';
import type { BulkTarget } from './insert-versions.js';
import { rowArrays } from './row-arrays.js';
import { nameStatement } from '../../query-template.js';
import { withArrayRows } from '../../array-rows.js';

/**
 * SQLite: the current CIs named in a JSON array (first parameter) of one class (second), one probe
 * of the current-row index each. CROSS JOIN keeps the names as the outer loop: with a plain join
 * the planner scanned the class's whole range of the index for every name (minutes at 100 000).
 */
const CI_HASHES = `select c.id, c.name, c.hash from json_each(?) j
  cross join ci_versions c on c.class = ? and c.name = j.value and c.rev_to is null`;

/**
 * PostgreSQL: the same for every reference of a batch in ONE statement, the classes and names
 * bound as two arrays (refArrays) and each pair looked up on the current-row index. An `in` list
 * per class and 500 names took ten statements for a batch of 5 000, each parsed and bound anew:
 * 272 ms of the server's time in a bulk import's CI phase at 100 000 CIs against 152 ms as one,
 * and the process waits for the screen (issue 14). A fixed text: a named prepared statement, rows
 * as arrays. Each pair is one probe of the index whatever the statistics (byRefsPg): joined to
 * the table, an analysed one's first five executions on each connection hashed all of it, 61–68
 * ms a batch at 100 000 CIs against 16–19.
 */
const CI_HASHES_PG = byRefsPg(`select c.id, c.class, c.name, c.hash ${OF_REF} and c.rev_to is null offset 0`);

/** PostgreSQL: currentCiDigests's columns for every reference of a batch in one statement, as CI_HASHES_PG. */
const CI_DIGESTS_PG = byRefsPg(
  `select c.id, c.class, c.name, c.status, c.labels, c.source, c.rev_from, c.hash ${OF_REF} and c.rev_to is null offset 0`,
);

type DigestRow = Pick<CiVersionRow, 'id' | 'class' | 'name' | 'status' | 'labels' | 'source' | 'rev_from' | 'hash'>;

/**
 * The current CIs of these references without their attributes, for a re-import's screen of
 * records that leave out their status or labels (what most importers write).
 */
export async function currentCiDigests({ db, engine }: BulkTarget, refs: CiRef[]): Promise<CiDigest[]> {
  const out: CiDigest[] = [];
  if (refs.length === 0) return out;
  if (engine === 'postgres') {
    nameStatement(CI_DIGESTS_PG);
    const { rows } = await db.executeQuery(CompiledQuery.raw(CI_DIGESTS_PG, refArrays(refs)));
    for (const r of rows as DigestRow[]) out.push(lazyCiDigest(r));
    return out;
  }
  for (const [cls, part] of nameChunksByClass(refs)) {
    const rows = await db
      .selectFrom('ci_versions')
      .where('class', '=', cls)
      .where('name', 'in', part)
      .where('rev_to', 'is', null)
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
  if (refs.length === 0) return out;
  nameStatement(CI_HASHES_PG);
  const query = CompiledQuery.raw(CI_HASHES_PG, refArrays(refs));
  const { rows } = await db.executeQuery(withArrayRows(query));
  for (const [id, cls, name, hash] of rows as [string, string, string, string][])
    out.push({ id, class: cls, name, hash });
  return out;
}
