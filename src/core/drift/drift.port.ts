import type { OutboxEntry } from '../shared/outbox.js';
import type { CiVersion } from '../ci/ci.types.js';
import type { CiRef, DesiredState } from '../ci/desired-state.js';
import type { AuthorityRules, AuthorityVersion } from './authority.js';
import type { AuthorizingChange } from './classify.js';
import type {
  Finding,
  FindingFilter,
  FindingQuery,
  NewFinding,
  Observation,
  Resolution,
  ReviewFlag,
  SuppressionMatch,
  SuppressionRule,
} from './drift.types.js';
import type { Revision } from '../revision/revision.types.js';

/**
 * Storage of drift detection: observations, findings, suppression rules, source authority rules
 * and review flags, plus the few bulk reads of CI versions a drift check needs. SQLite and
 * PostgreSQL adapters pass the same conformance suite.
 */
/**
 * A CI as a drift check's scan reads it: what matching and comparing look at. Not its content
 * hash, revisions or attribute sources: a check holds every CI of its scope until all are
 * matched, and at a million CIs each column kept was collected and promoted a million times.
 */
export type ScannedCi = Pick<CiVersion, 'id' | 'class' | 'name' | 'status' | 'attributes' | 'labels' | 'source'>;

export interface DriftStore {
  /**
   * The CIs live at `at` (current when absent) that are of one of `classes` or were written by
   * one of `sources`, in pages of `pageSize`: one indexed range scan, no query per item. `head`,
   * with `at` absent, is the head revision the caller read: a store that reads the scan from one
   * snapshot reads the state at that revision, even where a later one was committed since.
   */
  scanCis(query: {
    classes: string[];
    sources: string[];
    at?: number;
    head?: number;
    pageSize: number;
  }): AsyncIterable<ScannedCi[]>;
  /** Ended versions of these CIs (any age), for finding earlier authorized values. */
  pastVersions(ciIds: string[]): Promise<CiVersion[]>;
  /** Ended versions having these `class/name`s, for items observed again after being deleted. */
  pastVersionsByRef(refs: CiRef[]): Promise<CiVersion[]>;
  /** Revisions that implemented a change (change_id set), made between the two times (inclusive). */
  changeRevisionsBetween(from: string, to: string): Promise<Revision[]>;

  /**
   * Stores an observation and its findings in one transaction, numbering them; open findings of
   * the same source from earlier observations are resolved as `superseded` by it.
   */
  saveCheck(
    observation: Omit<Observation, 'id'>,
    findings: NewFinding[],
    /** The events of the saved check, recorded in the same transaction (the transactional outbox). */
    eventsOf?: (saved: { observation: Observation; findings: Finding[] }) => OutboxEntry[],
  ): Promise<{ observation: Observation; findings: Finding[] }>;
  getObservation(id: number): Promise<Observation | undefined>;
  listFindings(query: FindingQuery): Promise<Finding[]>;
  /** How many findings match: one indexed count, for the first page of a listing. */
  countFindings(filter: FindingFilter): Promise<number>;
  getFindings(ids: number[]): Promise<Finding[]>;
  /** Resolves these findings if still open; returns how many it resolved. */
  resolveFindings(ids: number[], resolution: Resolution): Promise<number>;

  /**
   * Stores a rule and, in the same transaction, marks the findings numbered `findingIds` (DRF-n's
   * n) suppressed by it, where they are still open and not suppressed already.
   */
  addSuppression(
    rule: {
      match: SuppressionMatch;
      owner: string;
      reason: string;
      expiresAt: string;
      createdAt: string;
      createdBy: string;
    },
    findingIds?: number[],
  ): Promise<SuppressionRule>;
  /** Every rule not removed (expired ones included: the caller filters by time). */
  listSuppressions(includeRemoved?: boolean): Promise<SuppressionRule[]>;
  removeSuppression(id: number, by: string, at: string): Promise<boolean>;

  latestAuthority(): Promise<AuthorityVersion | undefined>;
  /** Stores the rules as a new version unless the newest has the same hash; returns the newest. */
  saveAuthority(
    rules: AuthorityRules,
    hash: string,
    author: string,
    at: string,
  ): Promise<{ version: AuthorityVersion; created: boolean }>;

  flagForReview(flag: ReviewFlag): Promise<void>;
  /**
   * Revisions of drift accepted and not yet reviewed, oldest first: flagged ones, and any revision
   * whose source is `drift:*` that lacks its flag (a crash between writing it and flagging it).
   */
  pendingReviews(): Promise<ReviewFlag[]>;
  markReviewed(rev: number, by: string, at: string, note?: string): Promise<boolean>;
}

/** Finds the changes that may explain drift observed at a time (see classify.ts). */
export interface ChangeLookup {
  changesCovering(at: string): Promise<AuthorizingChange[]>;
}

/** Opens a change request; the change workflow implements it. */
export interface ChangeOpener {
  open(draft: { title: string; description: string; plan: DesiredState; author: string }): Promise<{ ref: string }>;
}
