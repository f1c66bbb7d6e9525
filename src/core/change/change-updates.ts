import type { DesiredState } from '../ci/desired-state.js';
import { InvalidTransitionError } from '../shared/errors.js';
import type { ChangeDraft } from './change-input.js';
import { changeRef, type Change, type ChangeEvent, type ChangeOutcome } from './change.types.js';
import type { Approval } from '../policy/approvals.js';
import type { ChangeState } from '../lifecycle/change-lifecycle.js';
import { planHash, voidStaleApprovals } from './plan-hash.js';
import { transition, type TransitionContext } from './state-machine.js';

/**
 * Pure operations on a Change record: each returns a new record, never mutates its argument.
 * The service loads, calls one of these, and persists the result in one transaction.
 */

/** Builds a new draft change from validated input. */
export function createChange(
  draft: ChangeDraft,
  meta: { id: number; requester: string; at: string; baseRevision: number },
): Change {
  const change: Change = {
    id: meta.id,
    ref: changeRef(meta.id),
    type: draft.type,
    state: 'draft',
    title: draft.title,
    description: draft.description,
    justification: draft.justification,
    category: draft.category,
    requester: meta.requester,
    implementationPlan: draft.implementationPlan,
    testPlan: draft.testPlan,
    backoutPlan: draft.backoutPlan,
    plan: draft.plan,
    planHash: planHash(draft.plan),
    baseRevision: meta.baseRevision,
    approvals: [],
    history: [],
    createdAt: meta.at,
    updatedAt: meta.at,
  };
  if (draft.template !== undefined) change.template = draft.template;
  if (draft.assignee !== undefined) change.assignee = draft.assignee;
  if (draft.window !== undefined) change.window = draft.window;
  return change;
}

/** Runs {@link transition} and returns the change in its new state with the history appended. */
export function applyTransition(
  change: Change,
  event: ChangeEvent,
  actor: string,
  at: string,
  comment?: string,
  context?: TransitionContext,
): Change {
  const result = transition(change, event, actor, at, comment, context);
  const next: Change = {
    ...change,
    state: result.state,
    history: [...change.history, ...result.entries],
    updatedAt: at,
  };
  if (result.implementedBeforeAuthorization === true) next.implementedBeforeAuthorization = true;
  return next;
}

/** The states in which a change's plan may still change: before implementation. */
export const PLANNABLE: readonly ChangeState[] = ['draft', 'submitted', 'authorized', 'rejected', 'scheduled'];

/** The states from which a change may be moved to another window: it is authorized, scheduled or not. */
export const RESCHEDULABLE: readonly ChangeState[] = ['authorized', 'scheduled'];

/**
 * Replaces the plan (an edit, or `replan` onto the current state). When the content changes, the
 * approvals given so far are voided, and a change past submission goes back to draft: what is
 * implemented must be exactly what was approved.
 */
export function replacePlan(
  change: Change,
  plan: DesiredState,
  baseRevision: number,
  actor: string,
  at: string,
): Change {
  if (!PLANNABLE.includes(change.state)) {
    throw new InvalidTransitionError(
      'CHANGE_PLAN_LOCKED',
      `Cannot change the plan of ${change.ref}: it is ${change.state.replace('_', ' ')}; a plan can change only before implementation.`,
    );
  }
  const hash = planHash(plan);
  const next: Change = { ...change, plan, planHash: hash, baseRevision, updatedAt: at };
  if (hash === change.planHash) return next;
  next.approvals = voidStaleApprovals(change.approvals, hash).approvals;
  if (change.state === 'draft') return next;
  return applyTransition(next, 'revise', actor, at, 'plan changed: approvals given so far are void');
}

/**
 * Rebases the plan on `baseRevision` (`cairn change replan`). Even when the content is the same,
 * the state it applies to has moved on, so what the approvers looked at is no longer what would be
 * implemented: their decisions are voided as for an edit, and a change past draft goes back to
 * draft to be submitted again.
 */
export function rebasePlan(
  change: Change,
  plan: DesiredState,
  baseRevision: number,
  actor: string,
  at: string,
): Change {
  const next = replacePlan(change, plan, baseRevision, actor, at);
  if (next.planHash !== change.planHash || baseRevision === change.baseRevision) return next;
  const approvals = next.approvals.map((a) =>
    a.voided === true
      ? a
      : {
          ...a,
          voided: true,
          voidedReason: `the plan was rebased on revision ${baseRevision} after this ${a.decision === 'approve' ? 'approval' : 'rejection'}`,
        },
  );
  const rebased = { ...next, approvals };
  if (change.state === 'draft') return rebased;
  return applyTransition(
    rebased,
    'revise',
    actor,
    at,
    `plan rebased on revision ${baseRevision}: approvals given so far are void`,
  );
}

/** Appends an approval or rejection (checked beforehand with `canApprove`). */
export function addApproval(change: Change, approval: Omit<Approval, 'planHash'>): Change {
  return {
    ...change,
    approvals: [...change.approvals, { ...approval, planHash: change.planHash }],
    updatedAt: approval.at,
  };
}

/** Records the post-implementation review and moves the change to reviewed. */
export function reviewChange(
  change: Change,
  review: { outcome: ChangeOutcome; notes: string },
  actor: string,
  at: string,
): Change {
  const next = applyTransition(change, 'review', actor, at, review.notes);
  return { ...next, outcome: review.outcome, review: { ...review, by: actor, at } };
}
