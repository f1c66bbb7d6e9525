import type { CompiledQuery } from 'kysely';

// Its own module, free of the PostgreSQL driver: the write queue marks its savepoints on either
// engine, and a CLI read on SQLite must not load `pg` (test/e2e/cli-startup.test.ts).

/** SQL sent ahead of the statement after it (sendWithNext). */
const sentWithNext = new Set<string>();

/**
 * Marks a statement without parameters or rows (a savepoint) to be sent with the statement issued
 * after it on the same connection, in one round trip: run through the pool, it is answered at
 * once, written to the server without waiting, and the next statement follows it on the wire (the
 * connections pipeline). Its failure is not lost: it is the error of that next statement — which
 * the server refuses anyway, its transaction being aborted —, so a COMMIT after it cannot succeed.
 */
export function sendWithNext(query: CompiledQuery): CompiledQuery {
  sentWithNext.add(query.sql);
  return query;
}

/** Whether `sql` was marked by sendWithNext. */
export function isSentWithNext(sql: string): boolean {
  return sentWithNext.has(sql);
}
