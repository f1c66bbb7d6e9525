import { CompiledQuery, type Kysely } from 'kysely';
import type { Database } from './database.js';
import type { Engine } from './engine.js';

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

const BEGIN = CompiledQuery.raw('begin');
const BEGIN_IMMEDIATE = CompiledQuery.raw('begin immediate');
const COMMIT = CompiledQuery.raw('commit');
const ROLLBACK = CompiledQuery.raw('rollback');

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
    if (engine === 'sqlite') await conn.executeQuery(BEGIN_IMMEDIATE);
    else {
      await conn.executeQuery(BEGIN);
      await conn.executeQuery(CompiledQuery.raw('select pg_advisory_xact_lock($1)', [lock]));
    }
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
