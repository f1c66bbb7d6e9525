import type BetterSqlite3 from 'better-sqlite3';

/** The two statements of a connection's stamp, prepared once per connection. */
interface StampStatements {
  dataVersion: BetterSqlite3.Statement;
  totalChanges: BetterSqlite3.Statement;
}

const PREPARED = new WeakMap<BetterSqlite3.Database, StampStatements>();

/**
 * SQLite: a number that differs from the one given before whenever the database may have changed
 * in between, by any connection, told without reading a table (about 1 µs on the driver, half a
 * point read). Its two parts:
 * - `pragma data_version`, which moves when another connection commits, in this process or
 *   another (a `cairn import` beside a server);
 * - `total_changes()`, the rows this connection has inserted, updated or deleted since it opened,
 *   which moves with its own writes, where data_version does not. Cairn has no triggers and no
 *   cascades, whose changes it would not count.
 * Both only ever grow, so two sums are equal only when neither part moved.
 *
 * Undefined while a transaction is open on the connection: its writes are not settled, and a
 * read then waits for them (ci-lookups.ts).
 */
export function sqliteChangeStamp(native: BetterSqlite3.Database): number | undefined {
  if (native.inTransaction) return undefined;
  let prepared = PREPARED.get(native);
  if (!prepared) {
    prepared = {
      dataVersion: native.prepare('pragma data_version').pluck(),
      totalChanges: native.prepare('select total_changes()').pluck(),
    };
    PREPARED.set(native, prepared);
  }
  return (prepared.dataVersion.get() as number) + (prepared.totalChanges.get() as number);
}
