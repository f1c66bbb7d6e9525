import { outcomeJson } from '../cmdb/write-views.js';
import type { Conflict } from '../schedule/conflicts.js';
import type { ChangeService } from './change.service.js';
import { approvalStatusOf, type ApprovalStatus } from './change-view.js';
import type { Change, ChangeAction, ChangeOutcome } from './change.types.js';
import type { TimeWindow } from '../lifecycle/change-lifecycle.js';
import { InputError } from '../shared/errors.js';

/** What a person gives with a workflow action; each action reads the fields it needs. */
export interface ActionInput {
  comment?: string;
  /** approve, reject: the required group the decision is for. */
  group?: string;
  /** schedule: a window other than the planned one. */
  window?: TimeWindow;
  /** schedule: why conflicts are accepted; implement: why the approved window is not kept (change managers only). */
  overrideReason?: string;
  /** review: how it went (required: no outcome is assumed) and what was learned (required; default the comment). */
  outcome?: ChangeOutcome;
  notes?: string;
}

/** What an action did: the change as it is now, and what the action has to say besides. */
export interface ActionResult {
  change: Change;
  /** approve, reject: the group the decision counted for, and where the approvals stand now. */
  group?: string;
  evaluation?: ApprovalStatus;
  /** schedule: the conflicts a change manager overrode (none otherwise). */
  conflicts?: Conflict[];
  /** implement, backout: what the revision wrote (`revision` null when the CMDB already matched). */
  outcome?: ReturnType<typeof outcomeJson>;
}

/**
 * Runs one workflow action by name, as `actor`: what POST /changes/{ref}/{action} and
 * `cairn change <action>` both call, so that each face only parses and prints.
 */
export async function runAction(
  changes: ChangeService,
  ref: string,
  action: ChangeAction,
  actor: string,
  input: ActionInput,
): Promise<ActionResult> {
  const decision = async (r: Awaited<ReturnType<ChangeService['approve']>>) => ({
    change: r.change,
    group: r.group,
    evaluation: approvalStatusOf(r.evaluation),
  });
  const written = async (r: Awaited<ReturnType<ChangeService['implement']>>) => ({
    change: r.change,
    outcome: outcomeJson(r.outcome),
  });
  switch (action) {
    case 'submit':
      return { change: await changes.submit(ref, actor, input.comment) };
    case 'approve':
      return decision(await changes.approve(ref, actor, { group: input.group, comment: input.comment }));
    case 'reject':
      return decision(await changes.reject(ref, actor, { group: input.group, comment: input.comment }));
    case 'schedule':
      return changes.schedule(ref, actor, {
        window: input.window,
        overrideReason: input.overrideReason,
        comment: input.comment,
      });
    case 'implement':
      return written(await changes.implement(ref, actor, input.comment, input.overrideReason));
    case 'fail':
      return { change: await changes.fail(ref, actor, input.comment) };
    case 'backout':
      return written(await changes.backout(ref, actor, input.comment));
    case 'review':
      return { change: await changes.review(ref, actor, reviewOf(input)) };
    case 'close':
      return { change: await changes.close(ref, actor, input.comment) };
    case 'cancel':
      return { change: await changes.cancel(ref, actor, input.comment) };
  }
}

/** A review as a person gave it: the outcome is never assumed, and the notes say what was learned. */
function reviewOf(input: ActionInput): { outcome: ChangeOutcome; notes: string } {
  const notes = (input.notes ?? input.comment ?? '').trim();
  const missing = [
    ...(input.outcome === undefined ? [{ path: 'outcome', message: 'is required: say how the change went' }] : []),
    ...(notes === '' ? [{ path: 'notes', message: 'are required: say what was learned' }] : []),
  ];
  if (input.outcome === undefined || notes === '')
    throw new InputError(
      'CHANGE_REVIEW_INCOMPLETE',
      `A review needs ${missing.map((m) => m.path).join(' and ')}: ${missing.map((m) => `${m.path} ${m.message}`).join('; ')}.`,
      missing,
    );
  return { outcome: input.outcome, notes };
}
