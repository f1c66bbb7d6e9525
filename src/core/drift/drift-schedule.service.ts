import type { InputScope } from '../import/input-scope.js';
import type { DesiredState } from '../ci/desired-state.js';
import type { JobQueue } from '../jobs/jobs.port.js';
import type { DriftScheduleStore } from './drift-schedule.port.js';
import type { Clock } from '../shared/clock.js';
import { ConflictError, InputError, NotFoundError } from '../shared/errors.js';
import type { IdGenerator } from '../shared/ids.js';
import { parseEvery, type DriftSchedule } from './drift-schedule.js';
import type { DriftService } from './drift.service.js';

export const DRIFT_CHECK_JOB = 'drift.check';

/** Reads an observation file in a format (the CLI's reader, injected by the composition root). */
export type ObservationReader = (
  file: string,
  format: string | undefined,
  mapping: string | undefined,
) => Promise<{ state: DesiredState; format: string; hash?: string; scope?: InputScope }>;

export interface ScheduleInput {
  source: string;
  format?: string;
  file: string;
  mapping?: string;
  every: string;
}

/**
 * Scheduled drift checks in server mode. Each server calls `enqueueDue` on a timer: a due schedule
 * is moved to its next run by a compare-and-set, so that only one process enqueues its job, and
 * the job queue gives that job to one process, which runs the check as `cairn drift check` would.
 */
export class DriftScheduleService {
  constructor(
    private readonly deps: {
      store: DriftScheduleStore;
      drift: DriftService;
      queue: JobQueue;
      clock: Clock;
      ids: IdGenerator;
      read?: ObservationReader;
    },
  ) {}

  async add(input: ScheduleInput, by: string): Promise<DriftSchedule> {
    const source = input.source.trim();
    if (source === '')
      throw new InputError('DRIFT_SCHEDULE_INVALID', 'a schedule needs a --source', [
        { path: 'source', message: 'must not be empty' },
      ]);
    if (input.file.trim() === '')
      throw new InputError('DRIFT_SCHEDULE_INVALID', 'a schedule needs the observation --file the server reads', [
        { path: 'file', message: 'must not be empty' },
      ]);
    const everySeconds = parseEvery(input.every);
    if ((await this.deps.store.listSchedules()).some((s) => s.source === source)) {
      throw new ConflictError(
        'DRIFT_SCHEDULE_EXISTS',
        `source ${source} already has a schedule: remove it first (\`cairn drift schedule remove\`)`,
      );
    }
    const now = this.deps.clock.now().toISOString();
    const schedule: DriftSchedule = {
      id: this.deps.ids.next('dsc'),
      source,
      format: input.format ?? 'cairn',
      file: input.file,
      mapping: input.mapping ?? null,
      everySeconds,
      nextRunAt: now, // the first check runs at the next tick
      createdAt: now,
      createdBy: by,
      lastRunAt: null,
      lastObservation: null,
      lastError: null,
    };
    await this.deps.store.insertSchedule(schedule);
    return schedule;
  }

  list(): Promise<DriftSchedule[]> {
    return this.deps.store.listSchedules();
  }

  async remove(id: string): Promise<void> {
    if (!(await this.deps.store.removeSchedule(id))) throw notFound(id);
  }

  /** Enqueues one job per due schedule that this process claimed; returns how many. */
  async enqueueDue(): Promise<number> {
    const now = this.deps.clock.now();
    let n = 0;
    for (const s of await this.deps.store.listSchedules()) {
      if (s.nextRunAt > now.toISOString()) continue;
      const next = new Date(now.getTime() + s.everySeconds * 1000).toISOString();
      if (!(await this.deps.store.claimRun(s.id, s.nextRunAt, next))) continue;
      await this.deps.queue.enqueue(DRIFT_CHECK_JOB, { scheduleId: s.id });
      n++;
    }
    return n;
  }

  /** Runs one scheduled check now; records its observation or its error on the schedule. */
  async run(id: string): Promise<DriftSchedule | undefined> {
    const s = await this.deps.store.getSchedule(id);
    if (!s) return undefined; // removed since it was queued
    const at = this.deps.clock.now().toISOString();
    try {
      if (!this.deps.read) throw new Error('this process cannot read observation files');
      const observed = await this.deps.read(s.file, s.format, s.mapping ?? undefined);
      const report = await this.deps.drift.check({
        observed: observed.state,
        source: s.source,
        format: observed.format,
        file: s.file,
        hash: observed.hash,
        ...(observed.scope ? { scope: observed.scope } : {}),
        author: `schedule:${s.source}`,
      });
      await this.deps.store.recordRun(id, { at, observationId: report.observation.id, error: null });
    } catch (e) {
      await this.deps.store.recordRun(id, { at, observationId: null, error: (e as Error).message });
    }
    return this.deps.store.getSchedule(id);
  }
}

function notFound(id: string): NotFoundError {
  return new NotFoundError(
    'DRIFT_SCHEDULE_NOT_FOUND',
    `drift schedule ${id} does not exist (see \`cairn drift schedule list\`)`,
  );
}
