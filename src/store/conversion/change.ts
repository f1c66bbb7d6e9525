import type { Insertable } from 'kysely';
import type { Change } from '../../core/change/change.types.js';
import type {
  ApprovalRecord,
  PolicyVersion,
  TransitionRecord,
  UnauthorizedRecord,
  UserRecord,
} from '../../core/change/change.port.js';
import type {
  ChangeApprovalRow,
  ChangeApprovalsTable,
  ChangeRow,
  ChangesTable,
  ChangeTransitionRow,
  ChangeTransitionsTable,
  PolicyVersionRow,
  PolicyVersionsTable,
  UnauthorizedChangeRow,
  UnauthorizedChangesTable,
  UserRow,
  UsersTable,
} from '../repositories/change/change.table.js';
import { readJson, readNullableTime, readTime } from './values.js';

/** A change's row: the columns it is searched by, and the whole record (less its chained records) in `data`. */
export function changeRow(c: Change): Insertable<ChangesTable> {
  const { approvals: _a, history: _h, ...data } = c;
  return {
    id: c.id,
    type: c.type,
    state: c.state,
    title: c.title,
    requester: c.requester,
    assignee: c.assignee ?? null,
    template: c.template ?? null,
    window_start: c.window?.start ?? null,
    window_end: c.window?.end ?? null,
    outcome: c.outcome ?? null,
    plan_hash: c.planHash,
    base_revision: c.baseRevision,
    implemented_revision: c.implementedRevision ?? null,
    data: JSON.stringify(data),
    created_at: c.createdAt,
    updated_at: c.updatedAt,
  };
}

/** The change as saved; its approvals and history are rebuilt from their records by the caller. */
export function rowToChange(r: ChangeRow): Omit<Change, 'approvals' | 'history'> {
  return readJson<Omit<Change, 'approvals' | 'history'>>(r.data);
}

export function approvalRow(a: ApprovalRecord): Insertable<ChangeApprovalsTable> {
  return {
    seq: a.seq,
    change_id: a.changeId,
    kind: a.kind,
    actor: a.by,
    approver_group: a.group,
    comment: a.comment,
    at: a.at,
    plan_hash: a.planHash,
    target: a.target,
    hash: a.hash,
    prev_hash: a.prevHash,
  };
}

export function rowToApproval(r: ChangeApprovalRow): ApprovalRecord {
  return {
    seq: r.seq,
    changeId: r.change_id,
    kind: r.kind as ApprovalRecord['kind'],
    by: r.actor,
    group: r.approver_group,
    comment: r.comment,
    at: readTime(r.at),
    planHash: r.plan_hash,
    target: r.target,
    hash: r.hash,
    prevHash: r.prev_hash,
  };
}

export function transitionRow(t: TransitionRecord): Insertable<ChangeTransitionsTable> {
  return {
    seq: t.seq,
    change_id: t.changeId,
    from_state: t.from,
    to_state: t.to,
    event: t.event,
    actor: t.by,
    at: t.at,
    comment: t.comment,
    hash: t.hash,
    prev_hash: t.prevHash,
  };
}

export function rowToTransition(r: ChangeTransitionRow): TransitionRecord {
  return {
    seq: r.seq,
    changeId: r.change_id,
    from: r.from_state,
    to: r.to_state,
    event: r.event,
    by: r.actor,
    at: readTime(r.at),
    comment: r.comment,
    hash: r.hash,
    prevHash: r.prev_hash,
  };
}

export function policyRow(v: PolicyVersion): Insertable<PolicyVersionsTable> {
  return {
    version: v.version,
    policy: JSON.stringify(v.policy),
    applied_at: v.appliedAt,
    applied_by: v.appliedBy,
    hash: v.hash,
    prev_hash: v.prevHash,
  };
}

export function rowToPolicy(r: PolicyVersionRow): PolicyVersion {
  return {
    version: r.version,
    policy: readJson(r.policy),
    appliedAt: readTime(r.applied_at),
    appliedBy: r.applied_by,
    hash: r.hash,
    prevHash: r.prev_hash,
  };
}

export function userRow(u: UserRecord): Insertable<UsersTable> {
  return { name: u.name, email: u.email, display_name: u.displayName, created_at: u.createdAt };
}

export function rowToUser(r: UserRow & { source: string | null }): UserRecord {
  return {
    name: r.name,
    email: r.email,
    displayName: r.display_name,
    createdAt: readTime(r.created_at),
    source: r.source === 'provider' ? 'provider' : 'local',
  };
}

export function unauthorizedRow(
  id: number,
  record: Omit<UnauthorizedRecord, 'id'>,
): Insertable<UnauthorizedChangesTable> {
  return {
    id,
    revision: record.revision,
    author: record.author,
    reason: record.reason,
    at: record.at,
    cis: JSON.stringify(record.cis),
    retrospective_change: record.retrospectiveChange,
    attached_by: record.attachedBy,
    attached_at: record.attachedAt,
  };
}

export function rowToUnauthorized(r: UnauthorizedChangeRow): UnauthorizedRecord {
  return {
    id: r.id,
    revision: r.revision,
    author: r.author,
    reason: r.reason,
    at: readTime(r.at),
    cis: readJson(r.cis),
    retrospectiveChange: r.retrospective_change,
    attachedBy: r.attached_by,
    attachedAt: readNullableTime(r.attached_at),
  };
}
