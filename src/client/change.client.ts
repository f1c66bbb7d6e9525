import type { CalendarFeedCreated, CalendarFeedStatusView } from '../contracts/calendar-feed.contracts.js';
import type {
  CalendarEntryView,
  ChangeRecord,
  ChangeShow,
  CreateChangeBody,
  ListChangesQuery,
  PendingApprovals,
  Transition,
  TransitionBody,
  TransitionResult,
} from '../contracts/change.contracts.js';
import type { ChangePreviewView } from '../contracts/change-form.contracts.js';
import type { CabAgendaView, UnauthorizedRecords } from '../contracts/change-governance.contracts.js';
import type { RescheduleBody, ReschedulePreviewView, RescheduleResultView } from '../contracts/reschedule.contracts.js';
import type { Page } from './page.js';

/**
 * The change workflow, acted by the caller: over HTTP the token's or session's principal, in
 * process the session's actor (`--as USER`, else the author). `ref` is `CHG-n`.
 */
export interface ChangeClient {
  /**
   * Raises a change (a draft) from a change document (change.yaml) as a person wrote it: the
   * receiver checks it against CreateChangeBody and names every wrong field. Impact and risk are
   * computed at once.
   */
  create(document: CreateChangeBody | Record<string, unknown>): Promise<ChangeRecord>;
  /**
   * What the document would come to if raised now (with `ref`: if saved over that change): impact,
   * risk, conflicts in its window, the approvals required, and for `ref` what happens to its
   * approvals. The title may be missing. Writes nothing.
   */
  preview(document: Record<string, unknown>, ref?: string): Promise<ChangePreviewView>;
  /** Replaces a draft's fields and plan with a whole change document; assessed again. Drafts only. */
  edit(ref: string, document: CreateChangeBody | Record<string, unknown>): Promise<ChangeRecord>;
  /** One step of the workflow: submit, approve, reject, schedule, implement, fail, backout, review, close, cancel. */
  act(ref: string, action: Transition, input?: TransitionBody): Promise<TransitionResult>;
  /** Rebases the plan (or a new one) on the current state; the approvals given so far are voided. */
  replan(ref: string, plan?: Record<string, unknown>): Promise<ChangeRecord>;
  /**
   * Moves an authorized or scheduled change to a new window: conflicts checked again, risk assessed
   * again, and back to submitted when the approvals given no longer satisfy the policy.
   */
  reschedule(ref: string, body: RescheduleBody): Promise<RescheduleResultView>;
  /** What {@link reschedule} would do with that window; writes nothing. */
  previewReschedule(ref: string, window: { start: string; end: string }): Promise<ReschedulePreviewView>;
  /** Makes this retrospective change cover the unauthorized write of `revision`. */
  attach(ref: string, revision: number): Promise<ChangeRecord>;
  /** One page of changes, by number, filtered; the first page says how many match in all. */
  list(query: ListChangesQuery): Promise<Page<ChangeRecord>>;
  show(ref: string): Promise<ChangeShow>;
  /** What waits for the caller's approval. */
  pending(): Promise<PendingApprovals>;
  /** Writes made outside change control (`--emergency`): those not yet covered, or `all`. */
  unauthorized(options?: { all?: boolean }): Promise<UnauthorizedRecords>;
}

/** When changes happen: the change calendar and the CAB's agenda. Times are ISO-8601 with a zone. */
export interface CalendarClient {
  /** Changes, freeze and maintenance windows meeting [from, to), with their conflicts. */
  entries(from: string, to: string): Promise<CalendarEntryView[]>;
  /** The same as an iCalendar document. */
  ics(from: string, to: string): Promise<string>;
  /** The agenda of the CAB meeting on `date` (YYYY-MM-DD; default the server's today). */
  cabAgenda(date?: string): Promise<CabAgendaView>;
  /** Whether the signed-in user has a calendar feed address (never its secret). */
  feedStatus(): Promise<CalendarFeedStatusView>;
  /** Makes or rotates the user's feed address, shown this once; the previous one stops working. */
  createFeed(): Promise<CalendarFeedCreated>;
  revokeFeed(): Promise<void>;
}
