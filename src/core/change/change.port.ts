import type { Change } from './change.types.js';
import type { ChangeState, ChangeType } from '../lifecycle/change-lifecycle.js';
import type { DesiredState } from '../ci/desired-state.js';
import type { Policy } from '../policy/policy.types.js';
import type { Environment } from '../policy/environments.js';
import type { CmdbWriter } from '../cmdb/cmdb.port.js';

/**
 * Storage port of change enablement: change requests, their chained approval and transition
 * records, users and groups, policy versions and unauthorized-change records. Every write happens
 * inside a CMDB write transaction (`within(tx)`), so that a change's state, its records and the
 * revision it implements commit together, under the CMDB's one write lock.
 */

/**
 * One entry of the approvals chain: a decision, or the voiding of an earlier decision of the same
 * change (`target` is that decision's position among the change's decisions). Rows are never
 * updated: voiding appends, so the record of who approved what stays provable.
 */
export interface ApprovalRecord {
  seq: number;
  changeId: number;
  kind: 'approve' | 'reject' | 'void';
  by: string;
  group: string;
  comment: string | null;
  at: string;
  planHash: string;
  target: number | null;
  hash: string;
  prevHash: string | null;
}

/** One entry of the transitions chain: a history entry of a change. */
export interface TransitionRecord {
  seq: number;
  changeId: number;
  from: string;
  to: string;
  event: string;
  by: string;
  at: string;
  comment: string | null;
  hash: string;
  prevHash: string | null;
}

/** A policy as applied: versioned and chained like revisions. */
export interface PolicyVersion {
  version: number;
  policy: Policy;
  appliedAt: string;
  appliedBy: string;
  hash: string;
  prevHash: string | null;
}

/** Environments as applied (environments.yaml): versioned and chained like the policy. */
export interface EnvironmentVersion {
  version: number;
  environments: Environment[];
  appliedAt: string;
  appliedBy: string;
  hash: string;
  prevHash: string | null;
}

export interface UserRecord {
  name: string;
  email: string | null;
  displayName: string | null;
  createdAt: string;
  /**
   * Where the person signs in: `provider` for an account of the identity provider (single
   * sign-on), else `local` (a password, or no account yet). Read from the credentials; never written here.
   */
  source: 'local' | 'provider';
}

export interface GroupRecord {
  name: string;
  description: string | null;
  /** Members named by policy.yaml or added by an admin. */
  members: string[];
  /** Members by the identity provider's claims at their last sign-in (single sign-on). */
  providerMembers: string[];
}

/** A write made outside change control with `--emergency --reason`. */
export interface UnauthorizedRecord {
  id: number;
  revision: number;
  author: string;
  reason: string;
  at: string;
  /** `class/name` of the controlled CIs it modified or deleted. */
  cis: string[];
  retrospectiveChange: string | null;
  attachedBy: string | null;
  attachedAt: string | null;
}

/** Filters of `cairn change list`; all optional, combined with AND. */
export interface ChangeQuery {
  states?: ChangeState[];
  types?: ChangeType[];
  requester?: string;
  /** `class/name` of a CI the plan touches. */
  ci?: string;
  /** Changes whose window meets [from, to). */
  from?: string;
  to?: string;
  /** Only changes numbered after this one (the key of the next page). */
  afterId?: number;
  limit?: number;
}

/** Per-change data that locates it for risk history: the CIs and classes its plan touches. */
export interface FailedChangeCounts {
  sameCis: number;
  sameClasses: number;
}

/** What `audit verify` checks of a stored change: state and plan, as saved and as indexed. */
export interface ChangeHeader {
  id: number;
  state: string;
  columnState: string;
  planHash: string;
  columnPlanHash: string;
  plan: DesiredState;
  /** The revision its implementation wrote, as indexed. */
  implementedRevision: number | null;
}

/**
 * How many records each chain has had appended, kept beside the records and bumped with each
 * append: the chain alone cannot show its newest record deleted. A chain never appended to has none.
 */
export interface RecordCounts {
  approvals?: number;
  transitions?: number;
  policies?: number;
  environments?: number;
}

export interface ChangeReader {
  getChange(id: number): Promise<Change | undefined>;
  /** Changes matching the query, by number. */
  listChanges(query: ChangeQuery): Promise<Change[]>;
  /** How many changes match the query's filters (its `afterId` and `limit` ignored). */
  countChanges(query: ChangeQuery): Promise<number>;
  /** Changes that failed or were backed out since `sinceIso`, on these CIs, and on these classes. */
  failedChangeCounts(refs: string[], classes: string[], sinceIso: string): Promise<FailedChangeCounts>;

  currentPolicy(): Promise<PolicyVersion | undefined>;
  listPolicyVersions(): Promise<PolicyVersion[]>;
  currentEnvironments(): Promise<EnvironmentVersion | undefined>;
  listEnvironmentVersions(): Promise<EnvironmentVersion[]>;

  getUser(name: string): Promise<UserRecord | undefined>;
  listUsers(): Promise<UserRecord[]>;
  getGroup(name: string): Promise<GroupRecord | undefined>;
  listGroups(): Promise<GroupRecord[]>;
  groupsOf(user: string): Promise<string[]>;

  listUnauthorized(query: { open?: boolean }): Promise<UnauthorizedRecord[]>;
  getUnauthorizedByRevision(revision: number): Promise<UnauthorizedRecord | undefined>;

  /** Chain heads, for appending. */
  lastApprovalRecord(): Promise<ApprovalRecord | undefined>;
  lastTransitionRecord(): Promise<TransitionRecord | undefined>;
  /** Records in `seq` order from `afterSeq` (exclusive), for `audit verify`. */
  approvalRecords(afterSeq: number, limit: number): Promise<ApprovalRecord[]>;
  transitionRecords(afterSeq: number, limit: number): Promise<TransitionRecord[]>;
  /** The stored state and plan columns of every change, for `audit verify`. */
  changeHeaders(afterId: number, limit: number): Promise<ChangeHeader[]>;
  /** The counts of the record chains, for `audit verify`. */
  recordCounts(): Promise<RecordCounts>;
}

export interface ChangeWriter extends ChangeReader {
  /** The next `CHG-n` number, from the counter row; never reused, even after a rollback elsewhere. */
  nextChangeNumber(): Promise<number>;
  insertChange(change: Change): Promise<void>;
  /** Saves the change's own fields (not its approvals or history, which are appended records). */
  updateChange(change: Change): Promise<void>;
  appendApprovalRecords(records: ApprovalRecord[]): Promise<void>;
  appendTransitionRecords(records: TransitionRecord[]): Promise<void>;

  insertPolicyVersion(version: PolicyVersion): Promise<void>;
  insertEnvironmentVersion(version: EnvironmentVersion): Promise<void>;
  upsertUser(user: UserRecord): Promise<void>;
  insertGroup(group: { name: string; description: string | null }): Promise<void>;
  /** Makes the group exist with exactly these members. */
  setGroupMembers(group: string, members: string[]): Promise<void>;
  addGroupMember(group: string, user: string): Promise<void>;

  insertUnauthorized(record: Omit<UnauthorizedRecord, 'id'>): Promise<UnauthorizedRecord>;
  attachUnauthorized(id: number, change: string, by: string, at: string): Promise<void>;
}

/** How many changes one state, type and risk level hold (risk null: not assessed). */
export interface ChangeFacetCount {
  state: string;
  type: string;
  risk: string | null;
  count: number;
}

export interface ChangeStore extends ChangeReader {
  /** How many changes each state, type and risk level holds: one grouped count, for status accounting. */
  countChangesByFacets(): Promise<ChangeFacetCount[]>;
  /** Change tables inside a CMDB write transaction: the same connection, under the same lock. */
  within(tx: CmdbWriter): ChangeWriter;
}
