import type BetterSqlite3 from 'better-sqlite3';
import type { CompiledQuery, Kysely } from 'kysely';
import { withArrayRows } from '../../array-rows.js';
import type { Database } from '../../database.js';
import { sqliteStatement } from './sqlite-statements.js';

/**
 * A compiled query's rows as arrays of column values, in its select list's order, for the scans
 * that read every current row (the graph's load, a drift check). Kysely's drivers make an object
 * per row, keyed by column name: at a million rows that was most of the scan. SQLite: the driver's
 * own statement in raw mode, on the connection Kysely hands out (its single connection is behind a
 * mutex; a transaction already holds it). PostgreSQL: the pool answers the statement as arrays
 * (withArrayRows), so the callers' SQL must come from a bounded set of shapes.
 */
export async function rowArrays(
  db: Kysely<Database>,
  native: BetterSqlite3.Database | undefined,
  query: CompiledQuery,
): Promise<unknown[][]> {
  if (!native) return (await db.executeQuery(withArrayRows(query))).rows;
  const run = () => sqliteStatement(native, query.sql, 'arrays').all(...query.parameters) as unknown[][];
  return db.isTransaction ? run() : db.connection().execute(async () => run());
}
