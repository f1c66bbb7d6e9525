import type { DesiredState } from '../ci/desired-state.js';
import type { RiskAssessment } from '../risk/risk.types.js';
import type { Approval } from '../policy/approvals.js';
import type { ImpactSummary } from '../graph/impact-summary.js';
import type { ChangeState, ChangeType, TimeWindow } from '../lifecycle/change-lifecycle.js';

/** What a user (or the service on their behalf) asks the lifecycle to do. */
export const CHANGE_EVENTS = [
  'submit',
  'authorize',
  'reject',
  'revise',
  'schedule',
  'reschedule',
  'implement',
  'complete',
  'fail',
  'backout',
  'review',
  'close',
  'cancel',
] as const;
export type ChangeEvent = (typeof CHANGE_EVENTS)[number];

/** What a person asks of a change (`cairn change submit|approve|…`, POST /changes/{ref}/{action}). */
export const CHANGE_ACTIONS = [
  'submit',
  'approve',
  'reject',
  'schedule',
  'implement',
  'fail',
  'backout',
  'review',
  'close',
  'cancel',
] as const;
export type ChangeAction = (typeof CHANGE_ACTIONS)[number];

/**
 * What a person may do to a change besides moving it along its lifecycle: edit a draft's fields
 * and plan, replan it (a new or rebased plan), reschedule it (a new window for an authorized or
 * scheduled change). Each has its own request (PATCH /changes/{ref}, POST …/replan, POST …/reschedule).
 */
export const CHANGE_EDITS = ['edit', 'replan', 'reschedule'] as const;
export type ChangeEdit = (typeof CHANGE_EDITS)[number];

/** What a change view offers its viewer (`allowedActions`): the workflow actions, then the edits. */
export const CHANGE_VIEW_ACTIONS = [...CHANGE_ACTIONS, ...CHANGE_EDITS] as const;
export type ChangeViewAction = (typeof CHANGE_VIEW_ACTIONS)[number];

/** One transition of the lifecycle: who moved the change from where to where, and why. */
export interface HistoryEntry {
  from: ChangeState;
  to: ChangeState;
  event: ChangeEvent;
  by: string;
  at: string;
  comment?: string;
}

export const CHANGE_OUTCOMES = ['successful', 'successful_with_issues', 'failed', 'backed_out'] as const;
export type ChangeOutcome = (typeof CHANGE_OUTCOMES)[number];

/** Post-implementation review. */
export interface ChangeReview {
  outcome: ChangeOutcome;
  notes: string;
  by: string;
  at: string;
}

/**
 * Marks a write made outside change control (`--emergency --reason`): it shows in reports until
 * a retrospective change is attached.
 */
export interface UnauthorizedMarker {
  reason: string;
  by: string;
  at: string;
  /** The revision the unauthorized write produced. */
  revision?: number;
  /** `CHG-n` of the retrospective change that covers it, once attached. */
  retrospectiveChange?: string;
}

/** A change manager's decision to go ahead despite a rule (calendar conflicts, the approved window), and why. */
export interface ConflictOverride {
  by: string;
  at: string;
  reason: string;
}

/** A change request as the core sees it. */
export interface Change {
  /** Human number from a counter, never reused: `id: 12` is `CHG-12`. */
  id: number;
  ref: string;
  type: ChangeType;
  /** Template name; standard changes only. */
  template?: string;
  state: ChangeState;
  title: string;
  description: string;
  justification: string;
  category: string;
  requester: string;
  assignee?: string;
  window?: TimeWindow;
  implementationPlan: string;
  testPlan: string;
  backoutPlan: string;
  plan: DesiredState;
  /** SHA-256 (hex) of the canonical plan; approvals must carry the same hash to count. */
  planHash: string;
  /** Revision the plan was made against; implementation refuses CIs changed since. */
  baseRevision: number;
  impact?: ImpactSummary;
  risk?: RiskAssessment;
  approvals: Approval[];
  history: HistoryEntry[];
  outcome?: ChangeOutcome;
  review?: ChangeReview;
  /** Revision written when the change was implemented, and by its backout. */
  implementedRevision?: number;
  backoutRevision?: number;
  /** Set on an emergency change implemented before its approvals were complete. */
  implementedBeforeAuthorization?: boolean;
  unauthorized?: UnauthorizedMarker;
  conflictOverride?: ConflictOverride;
  /** A change manager's decision to implement outside the approved window, and why. */
  windowOverride?: ConflictOverride;
  /** When the implementation actually started and ended (the CMDB write), as recorded by the server. */
  actualStart?: string;
  actualEnd?: string;
  createdAt: string;
  updatedAt: string;
}

/** Formats the human reference of a change number. */
export function changeRef(id: number): string {
  return `CHG-${id}`;
}

/** Parses `CHG-12` (case-insensitive) or `12`; undefined when it is neither. */
export function parseChangeRef(text: string): number | undefined {
  const m = /^(?:chg-)?([1-9][0-9]*)$/i.exec(text.trim());
  return m?.[1] === undefined ? undefined : Number(m[1]);
}
