import { MAX_ATTENDEES, MAX_NOTES, type CabMinutes, type CabMinutesStore } from './cab-minutes.js';
import type { ChangeReader } from './change.port.js';
import { ConflictError, InputError, NotFoundError, type FieldError } from '../shared/errors.js';
import { parseRealTime } from '../shared/calendar.js';
import type { Clock } from '../shared/clock.js';
import type { IdGenerator } from '../shared/ids.js';
import { requireWellFormedText } from '../shared/well-formed-text.js';

/** What a person writes of the minutes; decisions are the server's to gather. */
export interface MinutesInput {
  attendees: string[];
  notes: string;
}

const DAY = 86_400_000;

/**
 * CAB minutes, recorded by CAB members and change managers. The decisions are the approve and
 * reject records the attendees made on the meeting's day (UTC), gathered again on each edit and
 * frozen when the minutes close. Every write is one statement.
 */
export class CabMinutesService {
  constructor(
    private readonly deps: { store: CabMinutesStore; changes: ChangeReader; clock: Clock; ids: IdGenerator },
  ) {}

  /** Opens the minutes of the meeting on `date`; with `corrects`, a correction of closed minutes of that day. */
  async record(input: MinutesInput & { date: string; corrects?: string }, by: string): Promise<CabMinutes> {
    const date = meetingDate(input.date);
    await this.checkInput(input);
    if (input.corrects !== undefined) await this.checkCorrected(input.corrects, date);
    const now = this.deps.clock.now().toISOString();
    const minutes: CabMinutes = {
      id: this.deps.ids.next('cab'),
      date,
      attendees: unique(input.attendees),
      notes: input.notes,
      decisions: await this.decisionsOf(date, input.attendees),
      recordedBy: by,
      recordedAt: now,
      updatedAt: now,
      closedBy: null,
      closedAt: null,
      corrects: input.corrects ?? null,
    };
    await this.deps.store.insertMinutes(minutes);
    return minutes;
  }

  /** Rewrites the attendees and notes of open minutes (the decisions are gathered again). */
  async update(id: string, input: MinutesInput): Promise<CabMinutes> {
    const current = await this.openMinutes(id);
    await this.checkInput(input);
    const attendees = unique(input.attendees);
    return this.save({
      ...current,
      attendees,
      notes: input.notes,
      decisions: await this.decisionsOf(current.date, attendees),
      updatedAt: this.deps.clock.now().toISOString(),
    });
  }

  /** Closes the minutes: the decisions are gathered one last time, then nothing of them changes again. */
  async close(id: string, by: string): Promise<CabMinutes> {
    const current = await this.openMinutes(id);
    const now = this.deps.clock.now().toISOString();
    return this.save({
      ...current,
      decisions: await this.decisionsOf(current.date, current.attendees),
      updatedAt: now,
      closedAt: now,
      closedBy: by,
    });
  }

  async get(id: string): Promise<CabMinutes> {
    const minutes = await this.deps.store.getMinutes(id);
    if (!minutes) throw new NotFoundError('CAB_MINUTES_NOT_FOUND', `there are no CAB minutes ${id}`);
    return minutes;
  }

  /** Newest meeting first; of one date when given. */
  list(query: { date?: string; limit: number }): Promise<CabMinutes[]> {
    return this.deps.store.listMinutes({
      date: query.date === undefined ? undefined : meetingDate(query.date),
      limit: query.limit,
    });
  }

  private async save(minutes: CabMinutes): Promise<CabMinutes> {
    if (!(await this.deps.store.updateOpenMinutes(minutes))) throw closedError(minutes);
    return minutes;
  }

  private async openMinutes(id: string): Promise<CabMinutes> {
    const current = await this.get(id);
    if (current.closedAt !== null) throw closedError(current);
    return current;
  }

  private decisionsOf(date: string, attendees: readonly string[]) {
    const start = Date.parse(`${date}T00:00:00.000Z`);
    return this.deps.store.decisionsBetween(
      new Date(start).toISOString(),
      new Date(start + DAY).toISOString(),
      unique(attendees),
    );
  }

  private async checkInput(input: MinutesInput): Promise<void> {
    requireWellFormedText(input.notes, 'notes', 'this record of minutes');
    requireWellFormedText(input.attendees, 'attendees', 'this record of minutes');
    const errors: FieldError[] = [];
    if (input.attendees.length === 0) errors.push({ path: 'attendees', message: 'must name at least one person' });
    if (input.attendees.length > MAX_ATTENDEES)
      errors.push({ path: 'attendees', message: `must name at most ${MAX_ATTENDEES} people` });
    if (input.notes.length > MAX_NOTES)
      errors.push({ path: 'notes', message: `must be at most ${MAX_NOTES} characters` });
    for (const [i, name] of input.attendees.slice(0, MAX_ATTENDEES).entries()) {
      if (!(await this.deps.changes.getUser(name)))
        errors.push({ path: `attendees[${i}]`, message: `"${name}" is not a person of the change workflow` });
    }
    if (errors.length > 0)
      throw new InputError(
        'CAB_MINUTES_INVALID',
        `the minutes are not valid: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`,
        errors,
      );
  }

  private async checkCorrected(id: string, date: string): Promise<void> {
    const corrected = await this.deps.store.getMinutes(id);
    const problem = !corrected
      ? `there are no CAB minutes ${id}`
      : corrected.closedAt === null
        ? `the minutes ${id} are still open: edit them instead of correcting them`
        : corrected.date !== date
          ? `the minutes ${id} are of ${corrected.date}, not ${date}`
          : undefined;
    if (problem)
      throw new InputError('CAB_MINUTES_INVALID', `corrects: ${problem}`, [{ path: 'corrects', message: problem }]);
  }
}

function closedError(m: CabMinutes): ConflictError {
  return new ConflictError(
    'CAB_MINUTES_CLOSED',
    `the minutes of ${m.date} (${m.id}) are closed and cannot change: record a correction that names them`,
  );
}

/** A meeting date, YYYY-MM-DD and a real day (2026-02-30 is refused, not read as 2 March). */
function meetingDate(text: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(parseRealTime(text)))
    throw new InputError('INVALID_DATE', `date "${text}" must be a date YYYY-MM-DD`, [
      { path: 'date', message: 'must be a date YYYY-MM-DD' },
    ]);
  return text;
}

function unique(names: readonly string[]): string[] {
  return [...new Set(names)];
}
