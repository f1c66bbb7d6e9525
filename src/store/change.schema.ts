import type { ColumnType } from 'kysely';
import type { Database } from './schema.js';

/**
 * Row types of the change-enablement tables (migration 0002). JSON columns are `jsonb` on
 * PostgreSQL and text on SQLite; times are `timestamptz` and ISO text, as in schema.ts.
 */
type Json = ColumnType<unknown, string, string>;
type Time = ColumnType<Date | string, string, string>;

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

/** The CMDB tables plus the change tables: what the change repositories query. */
export interface ChangeDatabase extends Database {
  changes: ChangesTable;
  change_cis: ChangeCisTable;
  change_approvals: ChangeApprovalsTable;
  change_transitions: ChangeTransitionsTable;
  users: UsersTable;
  user_groups: UserGroupsTable;
  group_members: GroupMembersTable;
  policy_versions: PolicyVersionsTable;
  unauthorized_changes: UnauthorizedChangesTable;
}
