import type BetterSqlite3 from 'better-sqlite3';
import type { CompiledQuery, Kysely } from 'kysely';
import { withArrayRows } from '../../array-rows.js';
import type { Database } from '../../database.js';

/** SQLite statements in raw mode (rows as arrays), prepared once per connection and SQL text. */
const RAW_STATEMENTS = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

function rawStatement(native: BetterSqlite3.Database, text: string): BetterSqlite3.Statement {
  let byText = RAW_STATEMENTS.get(native);
  if (!byText) RAW_STATEMENTS.set(native, (byText = new Map<string, BetterSqlite3.Statement>()));
  let stmt = byText.get(text);
  if (!stmt) byText.set(text, (stmt = native.prepare(text).raw(true)));
  return stmt;
}

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
  const run = () => rawStatement(native, query.sql).all(...query.parameters) as unknown[][];
  return db.isTransaction ? run() : db.connection().execute(async () => run());
}
