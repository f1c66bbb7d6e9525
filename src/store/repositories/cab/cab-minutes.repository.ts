import type { Kysely, Selectable } from 'kysely';
import type { CabDecision, CabMinutes, CabMinutesStore } from '../../../core/change/cab-minutes.js';
import { readJson, readNullableTime, readTime } from '../../conversion/values.js';
import type { Database } from '../../database.js';
import type { CabMinutesTable } from './cab-minutes.table.js';

/** The SQL of CAB minutes: one row per record; closed rows are never updated. */
export class CabMinutesRepository implements CabMinutesStore {
  constructor(private readonly db: Kysely<Database>) {}

  async insertMinutes(m: CabMinutes): Promise<void> {
    await this.db
      .insertInto('cab_minutes')
      .values({
        id: m.id,
        meeting_date: m.date,
        attendees: JSON.stringify(m.attendees),
        notes: m.notes,
        decisions: JSON.stringify(m.decisions),
        recorded_by: m.recordedBy,
        recorded_at: m.recordedAt,
        updated_at: m.updatedAt,
        closed_by: m.closedBy,
        closed_at: m.closedAt,
        corrects: m.corrects,
      })
      .execute();
  }

  async updateOpenMinutes(m: CabMinutes): Promise<boolean> {
    // One statement guarded by `closed_at IS NULL`: a record closed by someone else meanwhile is left alone.
    const result = await this.db
      .updateTable('cab_minutes')
      .set({
        attendees: JSON.stringify(m.attendees),
        notes: m.notes,
        decisions: JSON.stringify(m.decisions),
        updated_at: m.updatedAt,
        closed_by: m.closedBy,
        closed_at: m.closedAt,
      })
      .where('id', '=', m.id)
      .where('closed_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async getMinutes(id: string): Promise<CabMinutes | undefined> {
    const row = await this.db.selectFrom('cab_minutes').selectAll().where('id', '=', id).executeTakeFirst();
    return row && rowToMinutes(row);
  }

  async listMinutes(query: { date?: string; limit: number }): Promise<CabMinutes[]> {
    let q = this.db.selectFrom('cab_minutes').selectAll();
    if (query.date !== undefined) q = q.where('meeting_date', '=', query.date);
    const rows = await q.orderBy('meeting_date', 'desc').orderBy('id', 'desc').limit(query.limit).execute();
    return rows.map(rowToMinutes);
  }

  async decisionsBetween(fromIso: string, toIso: string, by: readonly string[]): Promise<CabDecision[]> {
    if (by.length === 0) return [];
    const rows = await this.db
      .selectFrom('change_approvals as a')
      .innerJoin('changes as c', 'c.id', 'a.change_id')
      .select(['a.seq', 'a.change_id', 'c.title', 'a.kind', 'a.actor', 'a.approver_group', 'a.comment', 'a.at'])
      .where('a.kind', 'in', ['approve', 'reject'])
      .where('a.at', '>=', fromIso)
      .where('a.at', '<', toIso)
      .where('a.actor', 'in', [...by])
      .orderBy('a.seq')
      .execute();
    return rows.map((r) => ({
      approval: Number(r.seq),
      change: `CHG-${r.change_id}`,
      title: r.title,
      decision: r.kind === 'reject' ? 'reject' : 'approve',
      by: r.actor,
      group: r.approver_group,
      comment: r.comment,
      at: readTime(r.at),
    }));
  }
}

function rowToMinutes(r: Selectable<CabMinutesTable>): CabMinutes {
  return {
    id: r.id,
    date: r.meeting_date,
    attendees: readJson<string[]>(r.attendees),
    notes: r.notes,
    decisions: readJson<CabDecision[]>(r.decisions),
    recordedBy: r.recorded_by,
    recordedAt: readTime(r.recorded_at),
    updatedAt: readTime(r.updated_at),
    closedBy: r.closed_by,
    closedAt: readNullableTime(r.closed_at),
    corrects: r.corrects,
  };
}
