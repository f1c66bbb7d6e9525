import { assertMayAct, type ChangeRole } from '../policy/change-roles.js';
import { evaluateApprovals, type RequiredApproval } from '../policy/approvals.js';
import { allowedEvents } from './state-machine.js';
import type { Change, ChangeAction, ChangeEvent } from './change.types.js';

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
  permits: (action: ChangeAction) => boolean;
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
 * The workflow actions `viewer` may take on the change now: the lifecycle allows the step, the
 * viewer's role permits it, and the change's own rules (who requested it, who is assigned, which
 * groups must approve) let them. The same rules the service applies when the action is taken, so
 * a face that offers only these never offers what the server refuses for who or when. (Other
 * refusals remain possible: a calendar conflict, a window not yet open, a plan gone stale.)
 */
export function allowedActions(
  change: Change,
  viewer: ChangeViewer,
  required: readonly RequiredApproval[],
  managersExist: boolean,
): ChangeAction[] {
  const events = new Set(allowedEvents(change.state, change.type).map((e) => e.event));
  const deciding = awaitsDecisionOf(change, required, viewer.name, viewer.groups).length > 0;
  const out: ChangeAction[] = [];
  for (const action of ACTIONS) {
    if (!viewer.permits(action)) continue;
    if (action === 'approve' || action === 'reject') {
      if (deciding) out.push(action);
      continue;
    }
    const step = STEP_ROLE[action];
    if (!events.has(step.event)) continue;
    try {
      assertMayAct(change, viewer.name, viewer.groups, step.role, action, managersExist);
      out.push(action);
    } catch {
      // Not theirs to take: not offered.
    }
  }
  return out;
}
