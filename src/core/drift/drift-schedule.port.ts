import type { DriftSchedule } from './drift-schedule.js';

/** Storage of scheduled drift checks (server mode). */
export interface DriftScheduleStore {
  /** Inserts a schedule; ConflictError when its source already has one. */
  insertSchedule(schedule: DriftSchedule): Promise<void>;
  listSchedules(): Promise<DriftSchedule[]>;
  getSchedule(id: string): Promise<DriftSchedule | undefined>;
  removeSchedule(id: string): Promise<boolean>;
  /**
   * Moves a schedule's next run from `expected` to `next` if no one did it first: true for exactly
   * one of several processes trying at once (a compare-and-set on `next_run_at`).
   */
  claimRun(id: string, expected: string, next: string): Promise<boolean>;
  recordRun(id: string, run: { at: string; observationId: string | null; error: string | null }): Promise<void>;
}
