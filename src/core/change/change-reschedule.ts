import { assessChange, type Assessment } from './change-assessment.js';
import { requiredFor } from './approval-decisions.js';
import { applyTransition, RESCHEDULABLE } from './change-updates.js';
import { step } from './lifecycle-step.js';
import { loadChange, policyOf, type ChangeDeps } from './change-transaction.js';
import { conflictsOf } from './change-scheduling.js';
import { approvalStatusOf, type ApprovalStatus } from './change-view.js';
import type { Change } from './change.types.js';
import { OPEN_STATES, type TimeWindow } from '../lifecycle/change-lifecycle.js';
import { evaluateApprovals, type RequiredApproval } from '../policy/approvals.js';
import { isChangeManager, CHANGE_MANAGERS } from '../policy/change-roles.js';
import type { Policy } from '../policy/policy.types.js';
import type { Conflict } from '../schedule/conflicts.js';
import { ConflictError, InputError, InvalidTransitionError, NotAllowedError } from '../shared/errors.js';

/** What moving a change to a window would do, worked out before anything is written. */
export interface ReschedulePreview {
  ref: string;
  window: TimeWindow;
  /** Conflicts in the new window: they block unless a change manager overrides them. */
  conflicts: Conflict[];
  risk: Assessment['risk'];
  /** The approvals the policy asks for at the new risk, and where the change's approvals stand against them. */
  required: RequiredApproval[];
  approvalStatus: ApprovalStatus;
  /** `scheduled`: the approvals still suffice; `submitted`: it goes back for the approvals it now lacks. */
  nextState: 'scheduled' | 'submitted';
}

export interface RescheduleResult extends ReschedulePreview {
  change: Change;
}

/**
 * Works out, without writing, what moving an authorized or scheduled change to `window` would do:
 * the conflicts there, its risk in that window (business hours weigh on it), and whether the
 * approvals it has still satisfy the policy at that risk.
 */
export async function previewReschedule(deps: ChangeDeps, ref: string, window: TimeWindow): Promise<ReschedulePreview> {
  const current = await loadChange(deps.changes, ref);
  assertReschedulable(current, window);
  const policy = await policyOf(deps.changes);
  const assessment = await assessChange(deps, { type: current.type, plan: current.plan, window }, policy);
  const next: Change = { ...current, window, ...assessment };
  const open = await deps.changes.listChanges({ states: [...OPEN_STATES] });
  return judge(next, conflictsOf(next, open, policy), policy);
}

/**
 * Moves an authorized or scheduled change to a new window, in one transaction. The risk is assessed
 * again for the new window and the conflicts checked again (they block unless a change manager
 * overrides them with a reason, as when scheduling). Then the approvals rule is applied again: when
 * the approvals given (still bound to the unchanged plan) satisfy the policy at the new risk, the
 * change is scheduled in the new window; when they do not, it returns to submitted and waits for
 * the approvals it now lacks — none given so far is voided.
 */
export async function rescheduleChange(
  deps: ChangeDeps,
  ref: string,
  actor: string,
  options: { window: TimeWindow; overrideReason?: string; comment?: string },
): Promise<RescheduleResult> {
  const { window } = options;
  const before = await loadChange(deps.changes, ref);
  assertReschedulable(before, window);
  const policy = await policyOf(deps.changes);
  const assessment = await assessChange(deps, { type: before.type, plan: before.plan, window }, policy);
  let result: ReschedulePreview | undefined;
  const change = await step(deps, ref, actor, 'implementer', 'reschedule', async (c, t) => {
    assertReschedulable(c, window);
    const next: Change = { ...c, window, ...assessment };
    const verdict = judge(
      next,
      conflictsOf(next, await t.w.listChanges({ states: [...OPEN_STATES] }), t.policy),
      t.policy,
    );
    result = verdict;
    if (verdict.conflicts.length > 0) {
      const reason = options.overrideReason?.trim();
      if (!reason) {
        throw new ConflictError(
          'CHANGE_CONFLICTS',
          `Cannot move ${c.ref} to ${window.start} – ${window.end}: ${verdict.conflicts.map((x) => x.message).join('; ')}. ` +
            'Choose another window, or have a change manager override the conflicts with a reason.',
          verdict.conflicts.map((x) => ({ path: x.ci ?? x.kind, message: x.message })),
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
    const moved = `moved from ${describe(c.window)} to ${describe(window)}`;
    const comment = options.comment?.trim() ? `${moved}: ${options.comment.trim()}` : moved;
    if (verdict.nextState === 'scheduled') return applyTransition(next, 'schedule', actor, t.at, comment);
    const missing = verdict.approvalStatus.groups
      .filter((g) => !g.satisfied)
      .map((g) => `${g.group} needs ${g.missing} more`)
      .join('; ');
    return applyTransition(
      next,
      'reschedule',
      actor,
      t.at,
      `${comment}; its risk there is ${assessment.risk.level}, and ${missing}`,
    );
  });
  return { ...result!, change };
}

function judge(next: Change, conflicts: Conflict[], policy: Policy): ReschedulePreview {
  const required = requiredFor(next, policy);
  const evaluation = evaluateApprovals(required, next.approvals, next);
  return {
    ref: next.ref,
    window: next.window!,
    conflicts,
    risk: next.risk!,
    required,
    approvalStatus: approvalStatusOf(evaluation),
    nextState: evaluation.satisfied ? 'scheduled' : 'submitted',
  };
}

function assertReschedulable(change: Change, window: TimeWindow): void {
  if (!RESCHEDULABLE.includes(change.state)) {
    throw new InvalidTransitionError(
      'CHANGE_INVALID_TRANSITION',
      `Cannot move ${change.ref} to another window: it is ${change.state.replace('_', ' ')}; only an authorized or scheduled change can be rescheduled.`,
    );
  }
  const start = Date.parse(window.start);
  const end = Date.parse(window.end);
  if (Number.isNaN(start) || Number.isNaN(end) || end <= start) {
    throw new InputError('CHANGE_WINDOW_INVALID', `The new window of ${change.ref} must end after it starts.`, [
      { path: 'window.end', message: 'must be after the start' },
    ]);
  }
}

function describe(window: TimeWindow | undefined): string {
  return window ? `${window.start} – ${window.end}` : 'no window';
}
