import type { Selectable } from 'kysely';
import type { Json, Time } from '../../column-types.js';

/** The change-enablement tables (migration 0002). */
export interface ChangesTable {
  id: number;
  type: string;
  state: string;
  title: string;
  requester: string;
  assignee: string | null;
  template: string | null;
  window_start: Time | null;
  window_end: Time | null;
  outcome: string | null;
  plan_hash: string;
  base_revision: number;
  implemented_revision: number | null;
  /** The change record without its approvals and history (those are chained records). */
  data: Json;
  created_at: Time;
  updated_at: Time;
}

/** The CIs a change's plan touches, for `change list --ci` and the failed-change history. */
export interface ChangeCisTable {
  change_id: number;
  ref: string;
  class: string;
}

export interface ChangeApprovalsTable {
  seq: number;
  change_id: number;
  kind: string;
  actor: string;
  approver_group: string;
  comment: string | null;
  at: Time;
  plan_hash: string;
  target: number | null;
  hash: string;
  prev_hash: string | null;
}

export interface ChangeTransitionsTable {
  seq: number;
  change_id: number;
  from_state: string;
  to_state: string;
  event: string;
  actor: string;
  at: Time;
  comment: string | null;
  hash: string;
  prev_hash: string | null;
}

/** People of the change workflow (requesters, approvers); not the API's credentials. */
export interface UsersTable {
  name: string;
  email: string | null;
  display_name: string | null;
  created_at: Time;
}

export interface UserGroupsTable {
  name: string;
  description: string | null;
}

export interface GroupMembersTable {
  group_name: string;
  user_name: string;
}

export interface PolicyVersionsTable {
  version: number;
  policy: Json;
  applied_at: Time;
  applied_by: string;
  hash: string;
  prev_hash: string | null;
}

/** One applied environments.yaml (migration 0017). */
export interface EnvironmentVersionsTable {
  version: number;
  environments: Json;
  applied_at: Time;
  applied_by: string;
  hash: string;
  prev_hash: string | null;
}

export interface UnauthorizedChangesTable {
  id: number;
  revision: number;
  author: string;
  reason: string;
  at: Time;
  cis: Json;
  retrospective_change: string | null;
  attached_by: string | null;
  attached_at: Time | null;
}

export type ChangeRow = Selectable<ChangesTable>;
export type ChangeApprovalRow = Selectable<ChangeApprovalsTable>;
export type ChangeTransitionRow = Selectable<ChangeTransitionsTable>;
export type UserRow = Selectable<UsersTable>;
export type PolicyVersionRow = Selectable<PolicyVersionsTable>;
export type EnvironmentVersionRow = Selectable<EnvironmentVersionsTable>;
export type UnauthorizedChangeRow = Selectable<UnauthorizedChangesTable>;
