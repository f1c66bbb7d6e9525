import type { Kysely } from 'kysely';
import type { ReleaseStore } from '../../../core/release/release.port.js';
import type { Release, ReleaseState } from '../../../core/release/release.types.js';
import { ConflictError } from '../../../core/shared/errors.js';
import type { OutboxEntry } from '../../../core/shared/outbox.js';
import { convertError } from '../../conversion/errors.js';
import { readJson, readTime } from '../../conversion/values.js';
import type { Database } from '../../database.js';
import type { Engine } from '../../engine.js';
import { inWriteTransaction, WRITE_LOCKS } from '../../write-transaction.js';
import { appendOutbox } from '../webhook/outbox.repository.js';
import type { ReleaseRow } from './release.table.js';

/** The SQL of releases (the ReleaseStore port): each write and its events in one transaction. */
export class KyselyReleaseStore implements ReleaseStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly engine: Engine,
  ) {}

  async get(service: string, version: string): Promise<Release | undefined> {
    const row = await this.db
      .selectFrom('releases')
      .selectAll()
      .where('service', '=', service)
      .where('version', '=', version)
      .executeTakeFirst();
    return row && rowToRelease(row);
  }

  async list(query: { service?: string; state?: ReleaseState }): Promise<Release[]> {
    let q = this.db.selectFrom('releases').selectAll();
    if (query.service !== undefined) q = q.where('service', '=', query.service);
    if (query.state !== undefined) q = q.where('state', '=', query.state);
    return (await q.orderBy('id').execute()).map(rowToRelease);
  }

  insert(r: Release, events: Omit<OutboxEntry, 'at'>[]): Promise<void> {
    return this.write(async (conn) => {
      try {
        await conn
          .insertInto('releases')
          .values({
            id: r.id,
            service: r.service,
            version: r.version,
            state: r.state,
            data: JSON.stringify({ notes: r.notes, artifacts: r.artifacts, updates: r.updates }),
            requested_by: r.requestedBy,
            created_at: r.createdAt,
            decided_by: r.decidedBy,
            decided_at: r.decidedAt,
            decision_comment: r.decisionComment,
          })
          .execute();
      } catch (e) {
        convertError(e, new ConflictError('RELEASE_EXISTS', `${r.service} already has a release ${r.version}`));
      }
      await appendOutbox(
        conn,
        events.map((e) => ({ ...e, at: r.createdAt })),
      );
    });
  }

  decide(r: Release, from: ReleaseState, events: Omit<OutboxEntry, 'at'>[]): Promise<boolean> {
    return this.write(async (conn) => {
      const updated = await conn
        .updateTable('releases')
        .set({ state: r.state, decided_by: r.decidedBy, decided_at: r.decidedAt, decision_comment: r.decisionComment })
        .where('id', '=', r.id)
        .where('state', '=', from)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) return false;
      await appendOutbox(
        conn,
        events.map((e) => ({ ...e, at: r.decidedAt ?? r.createdAt })),
      );
      return true;
    });
  }

  private write<T>(work: (conn: Kysely<Database>) => Promise<T>): Promise<T> {
    return inWriteTransaction(this.db, this.engine, WRITE_LOCKS.release, work);
  }
}

function rowToRelease(r: ReleaseRow): Release {
  const data = readJson<Pick<Release, 'notes' | 'artifacts' | 'updates'>>(r.data);
  return {
    id: r.id,
    service: r.service,
    version: r.version,
    notes: data.notes,
    artifacts: data.artifacts,
    updates: data.updates,
    state: r.state as ReleaseState,
    requestedBy: r.requested_by,
    createdAt: readTime(r.created_at),
    decidedBy: r.decided_by,
    decidedAt: r.decided_at === null ? null : readTime(r.decided_at),
    decisionComment: r.decision_comment,
  };
}
