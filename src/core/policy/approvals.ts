import type { ChangeState, ChangeType } from '../lifecycle/change-lifecycle.js';
import type { ErrorCodeOf } from '../shared/error-codes.js';
import { NotAllowedError } from '../shared/errors.js';
import type { RiskLevel } from '../risk/risk.types.js';
import type { Policy, PolicyRule } from './policy.types.js';

export type ApprovalDecision = 'approve' | 'reject';

/**
 * One approver's decision. It is bound to the plan it was given for: when the plan's hash moves
 * on, the approval is voided (kept for the record, no longer counted).
 */
export interface Approval {
  by: string;
  /** The required group the approver acted for. */
  group: string;
  decision: ApprovalDecision;
  comment?: string;
  at: string;
  planHash: string;
  voided?: boolean;
  /** Why it was voided, e.g. "plan changed after approval". */
  voidedReason?: string;
}

/** A CI the plan touches, with what rules match on. */
export interface FactCi {
  class: string;
  /** Ancestor classes, so that a rule on `hardware` matches a `server`. */
  ancestors?: string[];
  environment?: string;
  labels?: Record<string, string>;
}

/** What the policy needs to know about a change to decide its approvals. */
export interface ChangeFacts {
  type: ChangeType;
  risk?: RiskLevel;
  cis: FactCi[];
}

/** A group whose approval the change needs, and why. */
export interface RequiredApproval {
  group: string;
  quorum: number;
  /** The rules (or defaults) that asked for it, for `show` and the CAB agenda. */
  because: string[];
}

/**
 * The approvals a change needs. Standard changes need none (their template pre-approves them);
 * emergency changes need the emergency approvers only, when the policy names them; otherwise
 * every matching rule adds its groups, the highest quorum per group winning. A change that no rule
 * matches goes to the CAB: an unmatched change is never authorized by default.
 */
export function requiredApprovals(policy: Policy, facts: ChangeFacts): RequiredApproval[] {
  if (facts.type === 'standard') return [];
  if (facts.type === 'emergency' && policy.emergency) {
    return [{ ...policy.emergency, because: ['emergency changes need the emergency approvers'] }];
  }
  const out = new Map<string, RequiredApproval>();
  const add = (group: string, quorum: number, why: string): void => {
    const prev = out.get(group);
    if (!prev) out.set(group, { group, quorum, because: [why] });
    else out.set(group, { group, quorum: Math.max(prev.quorum, quorum), because: [...prev.because, why] });
  };
  policy.rules.forEach((rule, i) => {
    if (!ruleMatches(rule, facts)) return;
    const why = rule.name !== undefined ? `rule "${rule.name}"` : `rules[${i}]`;
    for (const r of rule.require) add(r.group, r.quorum, why);
    if (rule.cab === true) add(policy.cab.group, policy.cab.quorum, why);
  });
  if (out.size === 0)
    add(policy.cab.group, policy.cab.quorum, 'no policy rule matched this change, so the CAB decides');
  return [...out.values()];
}

/** True when every criterion of the rule holds for the change. */
export function ruleMatches(rule: PolicyRule, facts: ChangeFacts): boolean {
  const m = rule.match;
  if (m.type && !m.type.includes(facts.type)) return false;
  if (m.risk && (facts.risk === undefined || !m.risk.includes(facts.risk))) return false;
  const classes = m.class;
  if (classes && !facts.cis.some((ci) => [ci.class, ...(ci.ancestors ?? [])].some((c) => classes.includes(c))))
    return false;
  const envs = m.environment?.map((e) => e.toLowerCase());
  if (envs && !facts.cis.some((ci) => ci.environment !== undefined && envs.includes(ci.environment.toLowerCase())))
    return false;
  const labels = Object.entries(m.labels ?? {});
  if (labels.length > 0 && !facts.cis.some((ci) => labels.every(([k, v]) => ci.labels?.[k] === v))) return false;
  return true;
}

/** Where one required group stands. */
export interface GroupStatus {
  group: string;
  quorum: number;
  approvedBy: string[];
  rejectedBy: string[];
  /** Approvals still needed. */
  missing: number;
  satisfied: boolean;
}

/** Where a change's approvals stand, and which recorded decisions did not count and why. */
export interface ApprovalEvaluation {
  groups: GroupStatus[];
  /** Every group reached its quorum and nobody rejected. */
  satisfied: boolean;
  /** A member of a required group rejected: the change is rejected. */
  rejected: boolean;
  ignored: { approval: Approval; reason: string }[];
}

/** What approval rules read of a change. */
export interface ApprovalSubject {
  ref: string;
  type: ChangeType;
  state: ChangeState;
  requester: string;
  assignee?: string;
  approvals: readonly Approval[];
  planHash: string;
}

/**
 * Counts the approvals against the requirements, applying segregation of duties: the requester
 * and the assignee do not count; a person counts for one group only (the first they approved
 * for); a person's latest decision per group replaces their earlier ones, so duplicates and
 * concurrent repeats count once; approvals for another plan are void.
 */
export function evaluateApprovals(
  required: readonly RequiredApproval[],
  approvals: readonly Approval[],
  change: Pick<ApprovalSubject, 'requester' | 'assignee' | 'planHash'>,
): ApprovalEvaluation {
  const ignored: ApprovalEvaluation['ignored'] = [];
  const latest = new Map<string, Approval>();
  const ordered = [...approvals].sort((a, b) => a.at.localeCompare(b.at) || a.by.localeCompare(b.by));
  for (const a of ordered) {
    const reason = disqualified(a, required, change);
    if (reason !== undefined) {
      ignored.push({ approval: a, reason });
      continue;
    }
    const key = `${a.by}\u0000${a.group}`;
    const prev = latest.get(key);
    if (prev) ignored.push({ approval: prev, reason: `replaced by ${a.by}'s later decision for ${a.group}` });
    // Map.set keeps the key's first position: a person counts for the group they decided on first.
    latest.set(key, a);
  }
  const countedFor = new Map<string, string>();
  const status = new Map(
    required.map((r) => [
      r.group,
      { group: r.group, quorum: r.quorum, approvedBy: [] as string[], rejectedBy: [] as string[] },
    ]),
  );
  for (const a of latest.values()) {
    const s = status.get(a.group);
    if (!s) continue;
    if (a.decision === 'reject') {
      s.rejectedBy.push(a.by);
      continue;
    }
    const other = countedFor.get(a.by);
    if (other !== undefined) {
      ignored.push({
        approval: a,
        reason: `${a.by} already counts for ${other}; one person cannot satisfy two required groups`,
      });
      continue;
    }
    countedFor.set(a.by, a.group);
    s.approvedBy.push(a.by);
  }
  const groups = [...status.values()].map((s) => {
    const missing = Math.max(0, s.quorum - s.approvedBy.length);
    return { ...s, missing, satisfied: missing === 0 };
  });
  const rejected = groups.some((g) => g.rejectedBy.length > 0);
  return { groups, satisfied: !rejected && groups.every((g) => g.satisfied), rejected, ignored };
}

function disqualified(
  a: Approval,
  required: readonly RequiredApproval[],
  change: Pick<ApprovalSubject, 'requester' | 'assignee' | 'planHash'>,
): string | undefined {
  if (a.voided === true || a.planHash !== change.planHash) return 'void: given for an earlier version of the plan';
  if (a.by === change.requester) return `${a.by} requested the change and cannot approve it`;
  if (a.by === change.assignee) return `${a.by} implements the change and cannot approve it`;
  if (!required.some((r) => r.group === a.group)) return `the change does not need approval from ${a.group}`;
  return undefined;
}

const EMERGENCY_LATE_STATES: readonly ChangeState[] = ['implementing', 'implemented', 'failed', 'backed_out'];

/**
 * Checks that `user` may record `decision` on `change`, and returns the required group the
 * decision counts for (`group` when given, else the first required group of the user's that still
 * lacks approvals). Throws NotAllowedError with a sentence saying why not.
 */
export function canApprove(
  user: string,
  groupsOfUser: readonly string[],
  change: ApprovalSubject,
  required: readonly RequiredApproval[],
  options: { group?: string; decision?: ApprovalDecision } = {},
): string {
  const fail = (code: ErrorCodeOf<'notAllowed'>, message: string): never => {
    throw new NotAllowedError(code, message);
  };
  const open =
    change.state === 'submitted' || (change.type === 'emergency' && EMERGENCY_LATE_STATES.includes(change.state));
  if (!open)
    fail(
      'APPROVAL_NOT_OPEN',
      `${change.ref} is ${change.state.replace('_', ' ')}: approvals are recorded while a change is submitted.`,
    );
  if (user === change.requester)
    fail(
      'APPROVAL_SOD',
      `${user} requested ${change.ref} and cannot approve or reject it: segregation of duties needs another approver.`,
    );
  if (user === change.assignee)
    fail(
      'APPROVAL_SOD',
      `${user} is the assignee of ${change.ref} and cannot approve or reject it: segregation of duties needs another approver.`,
    );
  const names = required.map((r) => `${r.group} (${r.quorum})`).join(', ');
  if (required.length === 0) fail('APPROVAL_NOT_NEEDED', `${change.ref} needs no approvals.`);
  const mine = required.filter((r) => groupsOfUser.includes(r.group));
  if (options.group !== undefined) {
    if (!required.some((r) => r.group === options.group))
      fail(
        'APPROVAL_GROUP_NOT_REQUIRED',
        `${change.ref} does not need approval from ${options.group}; it needs ${names}.`,
      );
    if (!groupsOfUser.includes(options.group))
      fail('APPROVAL_NOT_MEMBER', `${user} is not a member of ${options.group}, whose approval ${change.ref} needs.`);
  } else if (mine.length === 0) {
    fail('APPROVAL_NOT_MEMBER', `${user} is not in any group whose approval ${change.ref} needs (${names}).`);
  }
  const evaluation = evaluateApprovals(required, change.approvals, change);
  const countedFor = evaluation.groups.find((g) => g.approvedBy.includes(user))?.group;
  if (options.decision !== 'reject' && countedFor !== undefined) {
    if (options.group === undefined || options.group === countedFor) return countedFor;
    fail(
      'APPROVAL_SOD',
      `${user} already approved ${change.ref} for ${countedFor}; one person cannot satisfy two required groups.`,
    );
  }
  if (options.group !== undefined) return options.group;
  const pending = mine.find((r) => evaluation.groups.find((g) => g.group === r.group)?.satisfied === false);
  const chosen = pending ?? mine[0];
  return chosen
    ? chosen.group
    : fail('APPROVAL_NOT_MEMBER', `${user} is not in any group whose approval ${change.ref} needs (${names}).`);
}
