import { sql, type Kysely, type UpdateObject } from 'kysely';
import type { Job, JobQueue } from '../../../core/jobs/jobs.port.js';
import type { Clock } from '../../../core/shared/clock.js';
import type { IdGenerator } from '../../../core/shared/ids.js';
import { rowToJob } from '../../conversion/job.js';
import type { Database } from '../../database.js';
import type { Engine } from '../../engine.js';
import type { JobRow } from './job.table.js';

/** The columns a claim returns. */
type ClaimedRow = Pick<JobRow, 'id' | 'kind' | 'payload' | 'attempts' | 'created_at'>;

/**
 * The job queue in the `jobs` table. A claim is one UPDATE … WHERE id IN (SELECT … LIMIT n)
 * RETURNING: on PostgreSQL the sub-select takes `FOR UPDATE SKIP LOCKED`, so concurrent claimers
 * from any number of processes each get different rows without waiting on each other; SQLite
 * runs a statement alone, which makes the same claim atomic within its one process.
 * A job is leased, not removed: a running job whose lease ran out (its process died) is due again.
 */
export class DbJobQueue implements JobQueue {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly engine: Engine,
    private readonly deps: { clock: Clock; ids: IdGenerator },
  ) {}

  async enqueue(kind: string, payload: unknown, runAt?: string): Promise<string> {
    const now = this.deps.clock.now().toISOString();
    const id = this.deps.ids.next('job');
    await this.db
      .insertInto('jobs')
      .values({
        id,
        kind,
        payload: JSON.stringify(payload),
        status: 'pending',
        run_at: runAt ?? now,
        attempts: 0,
        locked_by: null,
        locked_until: null,
        last_error: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    return id;
  }

  async claim(worker: string, limit: number, leaseMs: number): Promise<Job[]> {
    const now = this.deps.clock.now();
    const nowIso = now.toISOString();
    const until = new Date(now.getTime() + leaseMs).toISOString();
    // Engine difference: row locks exist only on PostgreSQL; SQLite serialises the statement.
    const lock = this.engine === 'postgres' ? sql`for update skip locked` : sql``;
    const { rows } = await sql<ClaimedRow>`
      update jobs set status = 'running', locked_by = ${worker}, locked_until = ${until}, updated_at = ${nowIso}
      where id in (
        select id from jobs
        where (status = 'pending' and run_at <= ${nowIso}) or (status = 'running' and locked_until < ${nowIso})
        order by run_at, id
        limit ${limit}
        ${lock}
      )
      returning id, kind, payload, attempts, created_at`.execute(this.db);
    return rows.map(rowToJob);
  }

  async complete(id: string): Promise<void> {
    await this.finish(id, { status: 'done', attempts: sql`attempts + 1`, locked_until: null, last_error: null });
  }

  async retry(id: string, runAt: string, error: string): Promise<void> {
    await this.finish(id, {
      status: 'pending',
      run_at: runAt,
      attempts: sql`attempts + 1`,
      locked_until: null,
      last_error: error,
    });
  }

  async fail(id: string, error: string): Promise<void> {
    await this.finish(id, { status: 'failed', attempts: sql`attempts + 1`, locked_until: null, last_error: error });
  }

  async counts(): Promise<Record<string, number>> {
    const rows = await this.db
      .selectFrom('jobs')
      .select(['status', sql<number>`count(*)`.as('n')])
      .groupBy('status')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }

  /** Removes finished jobs older than `iso` (the delivery log keeps their history). */
  async purgeDoneBefore(iso: string): Promise<void> {
    await this.db.deleteFrom('jobs').where('status', '=', 'done').where('updated_at', '<', iso).execute();
  }

  private async finish(id: string, set: UpdateObject<Database, 'jobs'>): Promise<void> {
    await this.db
      .updateTable('jobs')
      .set({ ...set, updated_at: this.deps.clock.now().toISOString() })
      .where('id', '=', id)
      .execute();
  }
}
