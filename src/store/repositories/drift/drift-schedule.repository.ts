import type { Kysely } from 'kysely';
import type { DriftSchedule } from '../../../core/drift/drift-schedule.js';
import type { DriftScheduleStore } from '../../../core/drift/drift-schedule.port.js';
import { ConflictError } from '../../../core/shared/errors.js';
import { rowToSchedule, scheduleRow } from '../../conversion/drift.js';
import { convertError } from '../../conversion/errors.js';
import type { Database } from '../../database.js';

/** The SQL of `drift_schedules`: scheduled drift checks, one per source. */
export class DriftScheduleRepository implements DriftScheduleStore {
  constructor(private readonly db: Kysely<Database>) {}

  async insertSchedule(s: DriftSchedule): Promise<void> {
    try {
      await this.db.insertInto('drift_schedules').values(scheduleRow(s)).execute();
    } catch (e) {
      convertError(
        e,
        new ConflictError(
          'DRIFT_SCHEDULE_EXISTS',
          `source ${s.source} already has a schedule: remove it first (\`cairn drift schedule remove\`)`,
        ),
      );
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

  /** Compare-and-set on `next_run_at`: of several servers, only the one that moves it runs the check. */
  async claimRun(id: string, expected: string, next: string): Promise<boolean> {
    const r = await this.db
      .updateTable('drift_schedules')
      .set({ next_run_at: next })
      .where('id', '=', id)
      .where('next_run_at', '=', expected)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async recordRun(id: string, run: { at: string; observationId: string | null; error: string | null }): Promise<void> {
    await this.db
      .updateTable('drift_schedules')
      .set({ last_run_at: run.at, last_observation: run.observationId, last_error: run.error })
      .where('id', '=', id)
      .execute();
  }
}
