import { addApproval, applyTransition } from './change-updates.js';
import { inChangeTx, loadChange, saveChange, type ChangeDeps } from './change-transaction.js';
import type { Change } from './change.types.js';
import { InputError } from '../shared/errors.js';
import {
  canApprove,
  evaluateApprovals,
  requiredApprovals,
  type ApprovalDecision,
  type ApprovalEvaluation,
  type RequiredApproval,
} from '../policy/approvals.js';
import type { ChangeReader } from './change.port.js';
import type { Policy } from '../policy/policy.types.js';
import { awaitsDecisionOf } from './allowed-actions.js';

/** The approvals a change needs under a policy, from its type, risk and the CIs it touches. */
export function requiredFor(change: Pick<Change, 'type' | 'risk' | 'impact'>, policy: Policy): RequiredApproval[] {
  return requiredApprovals(policy, { type: change.type, risk: change.risk?.level, cis: change.impact?.cis ?? [] });
}

export interface DecisionResult {
  change: Change;
  /** The required group the decision counted for. */
  group: string;
  evaluation: ApprovalEvaluation;
}

/**
 * Records an approval or rejection. Runs under the CMDB write lock: two decisions arriving at once
 * are applied one after the other, each re-reading the change, so both are counted exactly once.
 * When the quorum of every required group is reached the change is authorized; a rejection by a
 * required group rejects it.
 */
export async function decide(
  deps: Pick<ChangeDeps, 'store' | 'changes' | 'clock'>,
  ref: string,
  actor: string,
  decision: ApprovalDecision,
  options: { group?: string; comment?: string } = {},
): Promise<DecisionResult> {
  const reason = options.comment?.trim() ?? '';
  if (decision === 'reject' && reason === '')
    throw new InputError('CHANGE_REASON_REQUIRED', `Say why ${ref} is rejected: a rejection needs a reason.`, [
      { path: 'comment', message: 'is required to reject' },
    ]);
  return inChangeTx(deps, async (t) => {
    const change = await loadChange(t.w, ref);
    const required = requiredFor(change, t.policy);
    const group = canApprove(actor, await t.w.groupsOf(actor), change, required, { group: options.group, decision });
    const approval = { by: actor, group, decision, at: t.at, ...(options.comment ? { comment: options.comment } : {}) };
    let next = addApproval(change, approval);
    const evaluation = evaluateApprovals(required, next.approvals, next);
    if (evaluation.rejected && next.state === 'submitted') {
      next = applyTransition(next, 'reject', actor, t.at, options.comment ?? `rejected for ${group}`);
    } else if (evaluation.satisfied && next.state === 'submitted') {
      const by = evaluation.groups.map((g) => `${g.group}: ${g.approvedBy.join(', ')}`).join('; ');
      next = applyTransition(next, 'authorize', actor, t.at, `approvals complete (${by})`);
    }
    await saveChange(t, change, next, actor);
    return { change: next, group, evaluation };
  });
}

/** A change waiting for a user's decision, and for which of their groups. */
export interface PendingApproval {
  change: Change;
  groups: { group: string; missing: number }[];
}

/**
 * What waits for `user`'s approval: submitted changes (and emergency changes awaiting
 * retrospective approval) needing a group of theirs that still lacks approvals, which they did
 * not request, are not assigned, and have not yet decided on ({@link awaitsDecisionOf}).
 */
export async function pendingFor(reader: ChangeReader, policy: Policy, user: string): Promise<PendingApproval[]> {
  const groups = await reader.groupsOf(user);
  if (groups.length === 0) return [];
  const changes = await reader.listChanges({
    states: ['submitted', 'implementing', 'implemented', 'failed', 'backed_out'],
  });
  const out: PendingApproval[] = [];
  for (const change of changes) {
    const mine = awaitsDecisionOf(change, requiredFor(change, policy), user, groups);
    if (mine.length > 0) out.push({ change, groups: mine });
  }
  return out;
}
