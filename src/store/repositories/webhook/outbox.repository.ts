import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { OutboxRelay, PendingEvent, RelayBatch } from '../../../core/events/events.port.js';
import type { Clock } from '../../../core/shared/clock.js';
import type { IdGenerator } from '../../../core/shared/ids.js';
import type { OutboxEntry } from '../../../core/shared/outbox.js';
import { readJson, readTime } from '../../conversion/values.js';
import type { Database } from '../../database.js';
import type { Engine } from '../../engine.js';
import { inWriteTransaction, WRITE_LOCKS } from '../../write-transaction.js';
import { DbJobQueue } from '../job/job-queue.repository.js';
import { QueryTemplate } from '../../query-template.js';

/** Every CMDB write records one event: compiled once (query-template.ts). */
const APPEND_ONE = new QueryTemplate(3, (db, type: string, at: string, data: string) =>
  db.insertInto('event_outbox').values({ type, at, data }),
);

/**
 * Records events on a write transaction's connection: they commit or roll back with the write.
 * `writing`: SQLite, that connection's driver, which the write holds (QueryTemplate.runOn).
 */
export async function appendOutbox(
  db: Kysely<Database>,
  entries: readonly OutboxEntry[],
  writing?: BetterSqlite3.Database,
): Promise<void> {
  if (entries.length === 0) return;
  if (entries.length === 1) {
    const [e] = entries as [OutboxEntry];
    const on = { db, native: writing, writing: writing !== undefined };
    return void (await APPEND_ONE.executeIn(on, e.type, e.at, JSON.stringify(e.data)));
  }
  await db
    .insertInto('event_outbox')
    .values(entries.map((e) => ({ type: e.type, at: e.at, data: JSON.stringify(e.data) })))
    .execute();
}

/**
 * The outbox's pending entries, and relaying them: in one transaction, each entry still pending is
 * deleted and its delivery jobs inserted, so an entry becomes jobs exactly once even when two
 * processes relay at the same time (the second finds it deleted and queues nothing).
 */
export class OutboxRepository implements OutboxRelay {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly engine: Engine,
    private readonly deps: { clock: Clock; ids: IdGenerator },
  ) {}

  async pending(limit: number): Promise<PendingEvent[]> {
    const rows = await this.db.selectFrom('event_outbox').selectAll().orderBy('seq').limit(limit).execute();
    return rows.map((r) => ({ seq: Number(r.seq), type: r.type, at: readTime(r.at), data: readJson(r.data) }));
  }

  async relay(batch: readonly RelayBatch[]): Promise<number> {
    if (batch.length === 0) return 0;
    return inWriteTransaction(this.db, this.engine, WRITE_LOCKS.outbox, async (conn) => {
      const queue = new DbJobQueue(conn, this.engine, this.deps);
      let relayed = 0;
      for (const { seq, jobs } of batch) {
        const gone = await conn.deleteFrom('event_outbox').where('seq', '=', seq).executeTakeFirst();
        if (Number(gone.numDeletedRows) === 0) continue; // another process relayed it first
        for (const job of jobs) await queue.enqueue(job.kind, job.payload);
        relayed++;
      }
      return relayed;
    });
  }
}
