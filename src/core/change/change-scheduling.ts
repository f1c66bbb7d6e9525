import { assessChange } from './change-assessment.js';
import { applyTransition } from './change-updates.js';
import { step } from './lifecycle-step.js';
import { loadChange, policyOf, type ChangeDeps } from './change-transaction.js';
import { type Change } from './change.types.js';
import { OPEN_STATES, type TimeWindow } from '../lifecycle/change-lifecycle.js';
import { isChangeManager, CHANGE_MANAGERS } from '../policy/change-roles.js';
import type { Policy } from '../policy/policy.types.js';
import type { ChangeReader } from './change.port.js';
import { ConflictError, InputError, NotAllowedError } from '../shared/errors.js';
import { listCalendar, type CalendarEntry } from '../schedule/calendar.js';
import { detectConflicts, type Conflict } from '../schedule/conflicts.js';
import { toICalendar } from '../schedule/ical.js';

export interface ScheduleResult {
  change: Change;
  /** Conflicts found; non-empty only when a change manager overrode them. */
  conflicts: Conflict[];
}

/**
 * Schedules an authorized change into a window (its planned one unless given). Impact and risk
 * are assessed again for that window. Conflicts with other open changes, freezes and maintenance
 * windows block, unless a change manager overrides them with a reason.
 */
export async function scheduleChange(
  deps: ChangeDeps,
  ref: string,
  actor: string,
  options: { window?: TimeWindow; overrideReason?: string; comment?: string } = {},
): Promise<ScheduleResult> {
  const current = await loadChange(deps.changes, ref);
  const window = options.window ?? current.window;
  if (!window)
    throw new InputError(
      'CHANGE_WINDOW_REQUIRED',
      `${current.ref} has no planned window: give one with --start and --end.`,
    );
  const assessment = await assessChange(
    deps,
    { type: current.type, plan: current.plan, window },
    await policyOf(deps.changes),
  );
  let conflicts: Conflict[] = [];
  const change = await step(deps, ref, actor, 'implementer', 'schedule', async (c, t) => {
    const next: Change = { ...c, window, ...assessment };
    conflicts = conflictsOf(next, await t.w.listChanges({ states: [...OPEN_STATES] }), t.policy);
    if (conflicts.length > 0) {
      const reason = options.overrideReason?.trim();
      if (!reason) {
        throw new ConflictError(
          'CHANGE_CONFLICTS',
          `Cannot schedule ${c.ref}: ${conflicts.map((x) => x.message).join('; ')}. ` +
            'Choose another window, or have a change manager override with --override-reason "…".',
          conflicts.map((x) => ({ path: x.ci ?? x.kind, message: x.message })),
        );
      }
      if (!isChangeManager(await t.w.groupsOf(actor))) {
        throw new NotAllowedError(
          'CHANGE_OVERRIDE_NOT_ALLOWED',
          `${actor} may not override the conflicts of ${c.ref}: only a member of ${CHANGE_MANAGERS} may.`,
        );
      }
      next.conflictOverride = { by: actor, at: t.at, reason };
    } else {
      delete next.conflictOverride;
    }
    return applyTransition(next, 'schedule', actor, t.at, options.comment ?? `window ${window.start} – ${window.end}`);
  });
  return { change, conflicts };
}

/** Conflicts of one change with the other open changes and the policy's windows. */
export function conflictsOf(change: Change, others: readonly Change[], policy: Policy): Conflict[] {
  return detectConflicts(change, { others, freezes: policy.freeze, maintenance: policy.maintenance });
}

/** The change calendar from `from` to `to`: changes, freeze and maintenance windows, conflicts. */
export async function calendar(reader: ChangeReader, from: string, to: string): Promise<CalendarEntry[]> {
  const policy = await policyOf(reader);
  const changes = await reader.listChanges({ from, to });
  const open = await reader.listChanges({ states: [...OPEN_STATES] });
  const conflicts = new Map(
    changes.map((c) => [c.ref, OPEN_STATES.includes(c.state) ? conflictsOf(c, open, policy) : []]),
  );
  return listCalendar({ from, to, changes, freezes: policy.freeze, maintenance: policy.maintenance, conflicts });
}

/** The calendar as an iCalendar document, stamped with the service's clock. */
export function calendarIcs(entries: readonly CalendarEntry[], now: Date): string {
  return toICalendar(entries, { stamp: now.toISOString() });
}
