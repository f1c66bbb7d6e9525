import type {
  AcceptBody,
  AcceptResult,
  AuthorityApplied,
  AuthorityDocument,
  AuthorityView,
  CreateScheduleBody,
  CreateSuppressionBody,
  DriftCheckBody,
  DriftReportView,
  FindingSelectionBody,
  FindingsQuery,
  FindingView,
  ObservationView,
  RemediateResult,
  ReviewedView,
  ReviewFlagView,
  ScheduleView,
  SuppressionView,
} from '../contracts/drift.contracts.js';
import type { Page } from './page.js';

/**
 * Configuration audit: drift checks of observations the caller read, the stored findings and
 * their resolution (accept into the CMDB, remediate through a change), the review of accepted
 * drift, suppression rules, source authority rules and the server's scheduled checks.
 */
export interface DriftClient {
  /** Compares observed items (already in Cairn's form) with the CMDB and stores the findings. */
  check(observation: DriftCheckBody): Promise<DriftReportView>;
  /** One page of stored findings, oldest first; the first page says how many match in all. */
  listFindings(query: FindingsQuery): Promise<Page<FindingView>>;
  observation(id: string): Promise<ObservationView>;
  /** Writes the observed state of the findings as one revision, flagged for review. */
  accept(request: AcceptBody): Promise<AcceptResult>;
  /** Opens a change whose plan restores the authorized state. */
  remediate(selection: FindingSelectionBody): Promise<RemediateResult>;
  reviewPending(): Promise<ReviewFlagView[]>;
  markReviewed(rev: number, note?: string): Promise<ReviewedView>;
  suppress(rule: CreateSuppressionBody): Promise<SuppressionView>;
  /** Rules not removed, each with whether it is in force now. */
  suppressions(): Promise<SuppressionView[]>;
  unsuppress(id: string): Promise<void>;
  /** The source authority rules in force; null when none were ever applied. */
  authority(): Promise<AuthorityView | null>;
  applyAuthority(rules: AuthorityDocument): Promise<AuthorityApplied>;
  addSchedule(schedule: CreateScheduleBody): Promise<ScheduleView>;
  schedules(): Promise<ScheduleView[]>;
  removeSchedule(id: string): Promise<void>;
}
