import { sql } from 'kysely';
import type { VersionKey } from '../../../core/cmdb/cmdb.port.js';
import { chunks } from '../batching.js';
import type { BulkTarget } from './insert-versions.js';
import { sqliteStatement } from './sqlite-statements.js';

/** Keys per UPDATE … FROM unnest on PostgreSQL: two array parameters, whatever the count. */
const UNNEST_CHUNK = 5000;

/**
 * Ends many current versions at `rev`, each found by its whole primary key, inside the open
 * transaction. SQLite: one prepared UPDATE per key on the transaction's connection, in key order.
 * An `id IN (…)` list of 500 made SQLite collect the rows first and then visit them in the list's
 * order, twice the time of the single-row statements for 1 000 CIs changed at random places of a
 * large CMDB (issue 14); sorted keys visit the primary-key index, and the rows written in the
 * same order as ids were handed out, from one end to the other. PostgreSQL: one UPDATE … FROM
 * unnest(ids, rev_froms) per 5 000 keys, planned the same whatever the count.
 */
export async function endVersions(
  target: BulkTarget,
  table: 'ci_versions' | 'relation_versions',
  versions: readonly VersionKey[],
  rev: number,
): Promise<void> {
  const { db, engine, native } = target;
  if (versions.length === 0) return;
  if (engine === 'sqlite') {
    const sorted = [...versions].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.revFrom - b.revFrom));
    if (!native) {
      for (const v of sorted)
        await db
          .updateTable(table)
          .set({ rev_to: rev })
          .where('id', '=', v.id)
          .where('rev_from', '=', v.revFrom)
          .where('rev_to', 'is', null)
          .execute();
      return;
    }
    const stmt = sqliteStatement(
      native,
      `update ${table} set rev_to = ? where id = ? and rev_from = ? and rev_to is null`,
    );
    const values: [number, string, number] = [rev, '', 0];
    for (const v of sorted) {
      values[1] = v.id;
      values[2] = v.revFrom;
      stmt.run(values);
    }
    return;
  }
  // `v.rev_from + 0`: each key is found by its id in the primary key, never along the `rev_from`
  // index. An import writes all its versions in one revision, and once the statistics have seen
  // thousands of revisions of a few versions each the planner took `rev_from` for nearly unique:
  // ending 1 000 versions of a 100 000-CI import then scanned its 100 000 entries per key, 7–14 s
  // (issue 14, eighteenth round). By id, a key reads its CI's versions: as many as the CI's changes,
  // where along `rev_from` it read as many as its revision wrote.
  for (const part of chunks([...versions], UNNEST_CHUNK)) {
    await sql`update ${sql.table(table)} as v set rev_to = ${rev}
      from unnest(${part.map((k) => k.id)}::text[], ${part.map((k) => k.revFrom)}::int4[]) as k(id, rev_from)
      where v.id = k.id and v.rev_from + 0 = k.rev_from and v.rev_to is null`.execute(db);
  }
}
