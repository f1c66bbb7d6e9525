import { CompiledQuery, type Kysely } from 'kysely';
import type { Database } from './database.js';
import type { Engine } from './engine.js';
import { sendWithNext } from './sent-with-next.js';

/**
 * Keys of PostgreSQL advisory locks, one per kind of writer. CMDB writes allocate revision numbers
 * in sequence; drift writes allocate observation, finding and suppression numbers as max + 1; the
 * event relay turns outbox entries into jobs; a single sign-on writes an account, its groups and a
 * session together; notifications are fanned out and time triggers raised; a release and its events are written together; an incident takes its number and records its events.
 */
export const WRITE_LOCKS = {
  cmdb: 72_417_001,
  drift: 72_417_005,
  outbox: 72_417_008,
  signIn: 72_417_009,
  notify: 72_417_010,
  release: 72_417_017,
  incident: 72_417_022,
} as const;

export const BEGIN_IMMEDIATE = CompiledQuery.raw('begin immediate');
export const COMMIT = CompiledQuery.raw('commit');
export const ROLLBACK = CompiledQuery.raw('rollback');

/**
 * PostgreSQL: BEGIN and the advisory lock sent as one simple query (no parameters, so pg uses
 * the simple protocol, which takes several statements): one round trip per transaction less.
 * The lock keys are our own integer constants, so writing them into the text is safe. It is sent
 * with the transaction's first statement (sent-with-next.ts), which the server runs once the lock
 * is granted: a CMDB write's first read (the head) shares its round trip, another one less. Its
 * failure is that statement's error, and the transaction goes no further.
 */
const BEGIN_LOCKED = new Map<number, CompiledQuery>(
  Object.values(WRITE_LOCKS).map((lock) => [
    lock,
    sendWithNext(CompiledQuery.raw(`begin; select pg_advisory_xact_lock(${Number(lock)})`)),
  ]),
);

/**
 * Opens a write transaction on `conn` holding the write lock `lock`: BEGIN IMMEDIATE on SQLite,
 * BEGIN and a transaction-scoped advisory lock on PostgreSQL (see inWriteTransaction).
 */
export async function beginWrite(conn: Kysely<Database>, engine: Engine, lock: number): Promise<void> {
  if (engine === 'sqlite') await conn.executeQuery(BEGIN_IMMEDIATE);
  else {
    const begin = BEGIN_LOCKED.get(lock);
    if (!begin) throw new Error(`unknown write lock ${lock}: add it to WRITE_LOCKS`);
    await conn.executeQuery(begin);
  }
}

/**
 * Runs `work` in one transaction holding a write lock across processes; commits, or rolls back
 * when `work` throws. Engine difference:
 * - SQLite: BEGIN IMMEDIATE takes the database's write lock at BEGIN, so two processes queue on the
 *   busy timeout instead of failing when a deferred transaction tries to upgrade. The lock is the
 *   whole file's: every kind of writer queues behind every other.
 * - PostgreSQL: a transaction-scoped advisory lock serialises the writers of one kind only.
 */
export async function inWriteTransaction<T>(
  db: Kysely<Database>,
  engine: Engine,
  lock: number,
  work: (conn: Kysely<Database>) => Promise<T>,
): Promise<T> {
  // Compiled queries written out: every write runs these, and building them is not free.
  return db.connection().execute(async (conn) => {
    await beginWrite(conn, engine, lock);
    try {
      const result = await work(conn);
      await conn.executeQuery(COMMIT);
      return result;
    } catch (e) {
      await conn.executeQuery(ROLLBACK);
      throw e;
    }
  });
}
