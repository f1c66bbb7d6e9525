import type { Static } from '@sinclair/typebox';
import type { ChangeRecord } from '../contracts/change.contracts.js';
import type {
  Baseline,
  BaselineDetail,
  CreateBaselineBody,
  DiffView,
  ListRevisionsQuery,
  RevertPlan,
  RevisionView,
  VerifyResult,
} from '../contracts/history.contracts.js';
import type { RevertBody } from '../contracts/change-governance.contracts.js';
import type { Page } from './page.js';

/** What a revert restores: the whole CMDB to a point (revision, baseline, CHG-n or ISO time), or one implemented change undone. */
export type RevertTarget = { to: string } | { change: string };

/** The change a revert opens, as the API returns it. */
export type ChangeRecordView = Static<typeof ChangeRecord>;

/**
 * Status accounting and the audit trail: the revision log, diffs between points, baselines,
 * reverts and the verification of the hash chains. A point is a revision number, a baseline,
 * CHG-n or an ISO time.
 */
export interface HistoryClient {
  /** One page of revisions, newest first, of the whole CMDB or of one CI (`ci`: class/name). */
  log(query: ListRevisionsQuery): Promise<Page<RevisionView>>;
  revision(rev: number): Promise<RevisionView>;
  /** The newest revision. */
  head(): Promise<RevisionView>;
  /** What changed from one point to another; `to` absent: now. */
  diff(from: string, to?: string): Promise<DiffView>;
  createBaseline(body: CreateBaselineBody): Promise<Baseline>;
  listBaselines(): Promise<Baseline[]>;
  /** One baseline with how many CIs it holds. */
  showBaseline(name: string): Promise<BaselineDetail>;
  /** The plan that restores the target; writes nothing. Refused when it would change nothing. */
  revertPlan(target: RevertTarget): Promise<RevertPlan>;
  /** Opens a normal change (draft) whose plan restores the target. */
  revert(body: RevertBody): Promise<ChangeRecordView>;
  /** Recomputes the hash chains of revisions and change records. */
  verifyAudit(): Promise<VerifyResult>;
}
