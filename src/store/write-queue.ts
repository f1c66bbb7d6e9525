import { AsyncResource } from 'node:async_hooks';
import type BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, type Kysely } from 'kysely';
import type { Database } from './database.js';
import type { Engine } from './engine.js';
import { sqliteStatement } from './repositories/cmdb/sqlite-statements.js';
import { sendWithNext } from './sent-with-next.js';
import { BEGIN_IMMEDIATE, beginWrite, COMMIT, ROLLBACK } from './write-transaction.js';

/** Most writes grouped into one transaction: bounds a queued caller's wait and the subtransactions. */
const MAX_GROUP = 64;

/**
 * A write's savepoint. On PostgreSQL it is sent with the write's first statement, in one round
 * trip (postgres-engine.ts, sent-with-next.ts): a savepoint that fails aborts the transaction, so that statement, and
 * the COMMIT after it, fail with its error; nothing the write does can take effect without it.
 */
const SAVEPOINT = sendWithNext(CompiledQuery.raw('savepoint cairn_write'));
const RELEASE = CompiledQuery.raw('release savepoint cairn_write');
const ROLLBACK_TO = CompiledQuery.raw('rollback to savepoint cairn_write');
/** PostgreSQL: release one write's savepoint and open the next one's in a single statement, sent the same way. */
const RELEASE_AND_SAVEPOINT = sendWithNext(CompiledQuery.raw('release savepoint cairn_write; savepoint cairn_write'));

/**
 * What the writes of one group may remember between them (the CMDB keeps the head it moved, so
 * the next write needs no query for it): one per group, and put back as it was when a write is
 * rolled back to its savepoint.
 */
export type GroupMemo = Map<string, unknown>;

/** A write's work: on the group's connection, with the group's memo. */
export type QueuedWork<T> = (conn: Kysely<Database>, memo: GroupMemo) => Promise<T>;

interface QueuedWrite {
  work: QueuedWork<unknown>;
  /** The caller's async context, which the work runs in. */
  scope: AsyncResource;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for one kind of writer in this process. A write that arrives while no transaction
 * runs starts one at once, alone (no savepoint: the single writer pays nothing extra). Writes
 * that arrive while one runs wait in the queue and then run together, in ONE transaction holding
 * the write lock, each in its own savepoint: a write that throws is rolled back to its savepoint
 * alone and its caller gets its error; the others commit together, so they share one commit and
 * its WAL flush. That is what lets PostgreSQL with `synchronous_commit = on` take many writers
 * a second: the lock is held through each commit's flush, so writers taking a transaction each
 * serialise on the flush instead of sharing it (issue 14).
 *
 * Each write still sees everything the writes before it in the group wrote (same transaction),
 * so revision numbers stay gap-free and hash-chained: a write rolled back to its savepoint leaves
 * no revision, and the next one takes the number it would have taken. A caller is answered only
 * once its transaction has committed (or failed), never before: what it returns is durable.
 */
export class WriteQueue {
  private readonly queue: QueuedWrite[] = [];
  private draining = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly engine: Engine,
    private readonly lock: number,
    /**
     * SQLite: the driver of the connection, on which a group's BEGIN and COMMIT run directly while
     * the group holds it (QueryTemplate.runOn says why).
     */
    private readonly native?: BetterSqlite3.Database,
  ) {}

  /**
   * Runs `work` in a write transaction, grouped with the writes queued beside it. The work is
   * bound to its caller's async context: the group runs inside whichever write started draining,
   * and without the binding every grouped write would see that writer's AsyncLocalStorage (the
   * API's If-Match expectation travels that way, so a stale write could pass another's check).
   * An AsyncResource run with `runInAsyncScope`, not `AsyncResource.bind`: the bound function
   * defines two deprecated accessors each time, 5 % of a SQLite change's CPU (issue 14).
   */
  run<T>(work: QueuedWork<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({
        work,
        scope: new AsyncResource('cairn.write'),
        resolve: resolve as (value: unknown) => void,
        reject,
      });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.length > 0) {
        const group = this.queue.splice(0, MAX_GROUP);
        try {
          await this.db.connection().execute((conn) => this.runGroup(conn, group));
        } catch (e) {
          // Only acquiring a connection can land here (runGroup answers its callers itself): the
          // group's writes fail rather than wait for ever; those queued after it try again.
          for (const w of group) w.reject(e);
        }
      }
    } finally {
      this.draining = false;
    }
  }

  private async runGroup(conn: Kysely<Database>, group: QueuedWrite[]): Promise<void> {
    const done: { write: QueuedWrite; value: unknown }[] = [];
    const memo: GroupMemo = new Map();
    try {
      if (this.native) sqliteStatement(this.native, BEGIN_IMMEDIATE.sql).run();
      else await beginWrite(conn, this.engine, this.lock);
      if (group.length === 1) {
        // Alone: the transaction is the write's, as without a queue.
        const [write] = group as [QueuedWrite];
        done.push({ write, value: await runWork(write, conn, memo) });
      } else await this.runInSavepoints(conn, memo, group, done);
      if (this.native) sqliteStatement(this.native, COMMIT.sql).run();
      else await conn.executeQuery(COMMIT);
    } catch (e) {
      await conn.executeQuery(ROLLBACK).catch(() => undefined);
      // Every write of the group fails with the transaction (a write that failed on its own
      // already has its own error: a settled promise ignores this one).
      for (const w of group) w.reject(e);
      return;
    }
    for (const d of done) d.write.resolve(d.value);
  }

  /**
   * Each write in a savepoint. A write's own failure is answered at once (it wrote nothing);
   * a failure to roll back to the savepoint is the transaction's and is thrown to fail the group.
   */
  private async runInSavepoints(
    conn: Kysely<Database>,
    memo: GroupMemo,
    group: QueuedWrite[],
    done: { write: QueuedWrite; value: unknown }[],
  ): Promise<void> {
    let open = false;
    for (const write of group) {
      if (!open) await conn.executeQuery(SAVEPOINT);
      else if (this.engine === 'postgres') await conn.executeQuery(RELEASE_AND_SAVEPOINT);
      else {
        await conn.executeQuery(RELEASE);
        await conn.executeQuery(SAVEPOINT);
      }
      open = true;
      const remembered = new Map(memo);
      try {
        done.push({ write, value: await runWork(write, conn, memo) });
      } catch (e) {
        await conn.executeQuery(ROLLBACK_TO);
        await conn.executeQuery(RELEASE);
        open = false;
        memo.clear();
        for (const [k, v] of remembered) memo.set(k, v);
        write.reject(e);
      }
    }
    // The last savepoint is left open: COMMIT commits it with the transaction, one round trip less.
  }
}

/** A queued write's work, run in its caller's async context. */
function runWork(write: QueuedWrite, conn: Kysely<Database>, memo: GroupMemo): Promise<unknown> {
  return write.scope.runInAsyncScope(write.work, undefined, conn, memo);
}
