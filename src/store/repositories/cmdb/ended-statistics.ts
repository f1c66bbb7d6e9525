import { sql, type Kysely } from 'kysely';
import type { Database } from '../../database.js';
import type { VersionTable } from './growing-tables.js';

/**
 * Versions of a table ended by one write (a re-import of changed values, a bulk change) after
 * which its statistics may be due again on PostgreSQL (statisticsWithoutEnded). Statistics taken
 * when no version had ended yet (after the first import) say that the indexes of past versions are
 * empty, and the planner then reads the diff's ended versions along the whole index of past
 * versions by name rather than their range of `rev_to`: 11 against 3.5 ms at 1M CIs, growing with
 * the history (issue 14). Autovacuum waits for a tenth of a table to change, or is off.
 */
export const ENDED_FOR_STATISTICS = 1_000;

/**
 * Those of `tables` whose statistics are missing, or were taken when none of their versions had
 * ended (`rev_to` never set): the ones to analyze after a write that ended many versions. Once a
 * table's statistics know of ended versions they are left to autovacuum: ANALYZE takes about
 * half a second of a server core at 100 000 CIs, and taken after every bulk change of 1 000 CIs it
 * ran beside the reads that came next (a diff right after such a change 53–124 ms instead of
 * 10–15, issue 14). Where a later range of `rev_to` lies past what they saw, the planner reads the
 * index's own end.
 */
export async function statisticsWithoutEnded(
  db: Kysely<Database>,
  tables: readonly VersionTable[],
): Promise<VersionTable[]> {
  const { rows } = await sql<{ tablename: string }>`select tablename from pg_stats
    where schemaname = current_schema() and attname = 'rev_to' and null_frac < 1
      and tablename in (${sql.join(tables)})`.execute(db);
  const known = new Set(rows.map((r) => r.tablename));
  return tables.filter((t) => !known.has(t));
}
