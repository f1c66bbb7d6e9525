import type { Kysely } from 'kysely';
import type { UnauthorizedRecord } from '../../../core/change/change.port.js';
import { rowToUnauthorized, unauthorizedRow } from '../../conversion/change.js';
import type { Database } from '../../database.js';

/** The SQL of `unauthorized_changes`: revisions written to controlled CIs without a change. */
export class UnauthorizedChangeRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async listUnauthorized(query: { open?: boolean }): Promise<UnauthorizedRecord[]> {
    let q = this.db.selectFrom('unauthorized_changes').selectAll().orderBy('id', 'asc');
    if (query.open === true) q = q.where('retrospective_change', 'is', null);
    return (await q.execute()).map(rowToUnauthorized);
  }

  async getUnauthorizedByRevision(revision: number): Promise<UnauthorizedRecord | undefined> {
    const row = await this.db
      .selectFrom('unauthorized_changes')
      .selectAll()
      .where('revision', '=', revision)
      .executeTakeFirst();
    return row && rowToUnauthorized(row);
  }

  /** Numbered max + 1: only ever called under the CMDB write lock. */
  async insertUnauthorized(record: Omit<UnauthorizedRecord, 'id'>): Promise<UnauthorizedRecord> {
    const last = await this.db
      .selectFrom('unauthorized_changes')
      .select('id')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    const id = (last?.id ?? 0) + 1;
    await this.db.insertInto('unauthorized_changes').values(unauthorizedRow(id, record)).execute();
    const row = await this.db
      .selectFrom('unauthorized_changes')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return rowToUnauthorized(row);
  }

  async attachUnauthorized(id: number, change: string, by: string, at: string): Promise<void> {
    await this.db
      .updateTable('unauthorized_changes')
      .set({ retrospective_change: change, attached_by: by, attached_at: at })
      .where('id', '=', id)
      .execute();
  }
}
