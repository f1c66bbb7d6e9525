import type { PlanCiChange } from './plan-changes.js';
import { requiredFor } from './approval-decisions.js';
import { evaluateApprovals, type ApprovalEvaluation, type RequiredApproval } from '../policy/approvals.js';
import type { ChangeReader } from './change.port.js';
import type { Conflict } from '../schedule/conflicts.js';
import { conflictsOf } from './change-scheduling.js';
import { policyOf } from './change-transaction.js';
import { type Change, type ChangeEvent, type ChangeViewAction } from './change.types.js';
import { allowedActions, type ChangeViewer } from './allowed-actions.js';
import { managersExist } from './lifecycle-step.js';
import { OPEN_STATES, type ChangeState } from '../lifecycle/change-lifecycle.js';
import { allowedEvents } from './state-machine.js';

/** Where a change's approvals stand, the decisions that did not count named by who and why. */
export type ApprovalStatus = Pick<ApprovalEvaluation, 'groups' | 'satisfied' | 'rejected'> & {
  ignored: { by: string; group: string; reason: string }[];
};

export function approvalStatusOf(evaluation: ApprovalEvaluation): ApprovalStatus {
  return {
    groups: evaluation.groups,
    satisfied: evaluation.satisfied,
    rejected: evaluation.rejected,
    ignored: evaluation.ignored.map((i) => ({ by: i.approval.by, group: i.approval.group, reason: i.reason })),
  };
}

/** A change with what the policy and the calendar make of it now: what `cairn change show` prints. */
export interface ChangeView {
  change: Change;
  required: RequiredApproval[];
  approvalStatus: ApprovalStatus;
  conflicts: Conflict[];
  next: { event: ChangeEvent; to: ChangeState }[];
  /** What the viewer may do on it now (none when nobody in particular is looking). */
  allowedActions: ChangeViewAction[];
  /** The plan as old → new for each CI, against the state it was planned against (`show` adds it). */
  planChanges?: PlanCiChange[];
}

/** Who is looking at the change (the actions offered are theirs): see {@link ChangeViewer}. */
export type ViewerOf = Omit<ChangeViewer, 'groups'>;

export async function buildChangeView(reader: ChangeReader, change: Change, viewer?: ViewerOf): Promise<ChangeView> {
  const policy = await policyOf(reader);
  const required = requiredFor(change, policy);
  const evaluation = evaluateApprovals(required, change.approvals, change);
  const open = OPEN_STATES.includes(change.state);
  const conflicts = open ? conflictsOf(change, await reader.listChanges({ states: [...OPEN_STATES] }), policy) : [];
  return {
    change,
    required,
    approvalStatus: approvalStatusOf(evaluation),
    conflicts,
    next: allowedEvents(change.state, change.type),
    allowedActions: viewer
      ? allowedActions(
          change,
          { ...viewer, groups: await reader.groupsOf(viewer.name) },
          required,
          await managersExist(reader),
        )
      : [],
  };
}
