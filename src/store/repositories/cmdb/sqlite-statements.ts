import type BetterSqlite3 from 'better-sqlite3';

/** How a statement answers: row objects keyed by column, or arrays of values (the driver's raw mode). */
type RowShape = 'objects' | 'arrays';

/** Statements by connection, shape and SQL text: raw mode is a setting of the statement itself. */
const PREPARED = new WeakMap<BetterSqlite3.Database, Record<RowShape, Map<string, BetterSqlite3.Statement>>>();

/**
 * A statement run on the SQLite driver directly (bulk writes, scans read as arrays), prepared once
 * per connection and SQL text: preparing costs as much as running a point read or a single-row
 * insert. The callers' SQL comes from a bounded set of shapes, so the cache needs no bound.
 */
export function sqliteStatement(
  native: BetterSqlite3.Database,
  text: string,
  shape: RowShape = 'objects',
): BetterSqlite3.Statement {
  let byShape = PREPARED.get(native);
  if (!byShape) PREPARED.set(native, (byShape = { objects: new Map(), arrays: new Map() }));
  let stmt = byShape[shape].get(text);
  if (!stmt) {
    stmt = native.prepare(text);
    if (shape === 'arrays') stmt.raw(true);
    byShape[shape].set(text, stmt);
  }
  return stmt;
}
