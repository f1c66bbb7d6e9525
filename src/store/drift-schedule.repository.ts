import type { Kysely } from 'kysely';
import type { DriftSchedule } from '../core/drift/drift-schedule.js';
import type { DriftScheduleStore } from '../core/ports/drift-schedule-store.port.js';
import { ConflictError } from '../core/shared/errors.js';
import { convertError, readTime } from './conversion.js';
import type { Database } from './database.js';
import type { DriftScheduleRow } from './repositories/drift/drift.table.js';

function rowToSchedule(r: DriftScheduleRow): DriftSchedule {
  return {
    id: r.id,
    source: r.source,
    format: r.format,
    file: r.file,
    mapping: r.mapping,
    everySeconds: Number(r.every_seconds),
    nextRunAt: readTime(r.next_run_at),
    createdAt: readTime(r.created_at),
    createdBy: r.created_by,
    lastRunAt: r.last_run_at === null ? null : readTime(r.last_run_at),
    lastObservation: r.last_observation,
    lastError: r.last_error,
  };
}

/** Scheduled drift checks, on the CMDB's database. */
export class DriftScheduleRepository implements DriftScheduleStore {
  constructor(private readonly db: Kysely<Database>) {}

  async insertSchedule(s: DriftSchedule): Promise<void> {
    try {
      await this.db
        .insertInto('drift_schedules')
        .values({ id: s.id, source: s.source, format: s.format, file: s.file, mapping: s.mapping, every_seconds: s.everySeconds, next_run_at: s.nextRunAt, created_at: s.createdAt, created_by: s.createdBy, last_run_at: null, last_observation: null, last_error: null })
        .execute();
    } catch (e) {
      try {
        convertError(e, `a schedule for source ${s.source}`);
      } catch (converted) {
        if (converted instanceof ConflictError) throw new ConflictError('DRIFT_SCHEDULE_EXISTS', `source ${s.source} already has a schedule: remove it first (\`cairn drift schedule remove\`)`);
        throw converted;
      }
    }
  }

  async listSchedules(): Promise<DriftSchedule[]> {
    return (await this.db.selectFrom('drift_schedules').selectAll().orderBy('source').execute()).map(rowToSchedule);
  }

  async getSchedule(id: string): Promise<DriftSchedule | undefined> {
    const row = await this.db.selectFrom('drift_schedules').selectAll().where('id', '=', id).executeTakeFirst();
    return row && rowToSchedule(row);
  }

  async removeSchedule(id: string): Promise<boolean> {
    const r = await this.db.deleteFrom('drift_schedules').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  async claimRun(id: string, expected: string, next: string): Promise<boolean> {
    const r = await this.db.updateTable('drift_schedules').set({ next_run_at: next }).where('id', '=', id).where('next_run_at', '=', expected).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async recordRun(id: string, run: { at: string; observationId: string | null; error: string | null }): Promise<void> {
    await this.db.updateTable('drift_schedules').set({ last_run_at: run.at, last_observation: run.observationId, last_error: run.error }).where('id', '=', id).execute();
  }
}
