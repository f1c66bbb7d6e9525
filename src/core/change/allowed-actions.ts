import { assertMayAct, type ChangeRole } from '../policy/change-roles.js';
import { evaluateApprovals, type RequiredApproval } from '../policy/approvals.js';
import { allowedEvents } from './state-machine.js';
import { PLANNABLE, RESCHEDULABLE } from './change-updates.js';
import type { Change, ChangeAction, ChangeEdit, ChangeEvent, ChangeViewAction } from './change.types.js';
import type { ChangeState } from '../lifecycle/change-lifecycle.js';

/** Who takes each step besides change managers (approve and reject follow the approval rules instead). */
const STEP_ROLE: Record<Exclude<ChangeAction, 'approve' | 'reject'>, { role: ChangeRole; event: ChangeEvent }> = {
  submit: { role: 'requester', event: 'submit' },
  cancel: { role: 'requester', event: 'cancel' },
  schedule: { role: 'implementer', event: 'schedule' },
  implement: { role: 'implementer', event: 'implement' },
  fail: { role: 'implementer', event: 'fail' },
  backout: { role: 'implementer', event: 'backout' },
  review: { role: 'manager', event: 'review' },
  close: { role: 'manager', event: 'close' },
};

/**
 * Who edits a change and in which states, as the service checks it: edit (a draft's document) and
 * replan are the requester's steps, reschedule the implementer's (`ChangeService.edit`, `replan`,
 * `reschedule`).
 */
const EDIT_RULE: Record<ChangeEdit, { role: ChangeRole; states: readonly ChangeState[] }> = {
  edit: { role: 'requester', states: ['draft'] },
  replan: { role: 'requester', states: PLANNABLE },
  reschedule: { role: 'implementer', states: RESCHEDULABLE },
};

const LATE_EMERGENCY: readonly string[] = ['implementing', 'implemented', 'failed', 'backed_out'];

/**
 * True when the change waits for `user`'s decision: it is open for approvals (submitted, or an
 * emergency change awaiting its retrospective approval), `user` neither requested it nor is its
 * assignee, has not decided on it yet, and belongs to a required group still short of approvals.
 * "My approvals" lists exactly these, and only on these are approve and reject offered.
 */
export function awaitsDecisionOf(
  change: Pick<Change, 'state' | 'type' | 'requester' | 'assignee' | 'approvals' | 'planHash'>,
  required: readonly RequiredApproval[],
  user: string,
  groupsOfUser: readonly string[],
): { group: string; missing: number }[] {
  if (change.state !== 'submitted' && !(change.type === 'emergency' && LATE_EMERGENCY.includes(change.state)))
    return [];
  if (change.requester === user || change.assignee === user) return [];
  const evaluation = evaluateApprovals(required, change.approvals, change);
  if (evaluation.groups.some((g) => g.approvedBy.includes(user) || g.rejectedBy.includes(user))) return [];
  return evaluation.groups
    .filter((g) => groupsOfUser.includes(g.group) && !g.satisfied)
    .map((g) => ({ group: g.group, missing: g.missing }));
}

/**
 * Who is looking at a change: their name, which actions their role permits at all (the face's
 * permission table: the API's roles), and their approver groups.
 */
export interface ChangeViewer {
  name: string;
  permits: (action: ChangeViewAction) => boolean;
  groups: readonly string[];
}

const ACTIONS: readonly ChangeAction[] = [
  'submit',
  'cancel',
  'approve',
  'reject',
  'implement',
  'fail',
  'backout',
  'schedule',
  'review',
  'close',
];

/**
 * The workflow actions `viewer` may take on the change now, then the edits (edit, replan,
 * reschedule) they may make to it: the lifecycle allows the step, the viewer's role permits it, and the change's own rules (who requested it, who is assigned, which
 * groups must approve) let them. The same rules the service applies when the action is taken, so
 * a face that offers only these never offers what the server refuses for who or when. (Other
 * refusals remain possible: a calendar conflict, a window not yet open, a plan gone stale.)
 */
export function allowedActions(
  change: Change,
  viewer: ChangeViewer,
  required: readonly RequiredApproval[],
  managersExist: boolean,
): ChangeViewAction[] {
  const events = new Set(allowedEvents(change.state, change.type).map((e) => e.event));
  const deciding = awaitsDecisionOf(change, required, viewer.name, viewer.groups).length > 0;
  const mayAct = (role: ChangeRole, action: string): boolean => {
    try {
      assertMayAct(change, viewer.name, viewer.groups, role, action, managersExist);
      return true;
    } catch {
      return false; // Not theirs to take: not offered.
    }
  };
  const out: ChangeViewAction[] = [];
  for (const action of ACTIONS) {
    if (!viewer.permits(action)) continue;
    if (action === 'approve' || action === 'reject') {
      if (deciding) out.push(action);
      continue;
    }
    const step = STEP_ROLE[action];
    if (events.has(step.event) && mayAct(step.role, action)) out.push(action);
  }
  for (const [edit, rule] of Object.entries(EDIT_RULE) as [ChangeEdit, (typeof EDIT_RULE)[ChangeEdit]][]) {
    if (viewer.permits(edit) && rule.states.includes(change.state) && mayAct(rule.role, edit)) out.push(edit);
  }
  return out;
}
