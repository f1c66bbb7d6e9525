import type { DesiredCi } from '../ci/desired-state.js';
import type { ObservationScope } from './scope.js';

/** What a finding says about a CI: changed, gone, or never recorded. */
export const FINDING_KINDS = ['modified', 'missing', 'unexpected'] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/**
 * Why the drift is there, as far as the CMDB can tell: a change whose window covers the
 * observation planned it (`authorized`), the system went back to a value the CMDB held before
 * (`corrective`), or nothing explains it (`unauthorized`).
 */
export const CLASSIFICATIONS = ['authorized', 'corrective', 'unauthorized'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

export const FINDING_STATES = ['open', 'resolved'] as const;
export type FindingState = (typeof FINDING_STATES)[number];

/** How a finding was closed: the CMDB took the observed state, a change was opened, or a later check replaced it. */
export type ResolutionKind = 'accepted' | 'remediated' | 'superseded';

/** One attribute that differs: the CMDB's value and what the source saw (null: absent). */
export interface AttributeDrift {
  name: string;
  authorized: unknown;
  observed: unknown;
  classification: Classification;
  /** The change that planned the observed value, or the revision that held it before. */
  because?: string;
}

/** What a discovery source saw at a time. Only a hash and counts are kept, never the items. */
export interface Observation {
  /** `OBS-12`. */
  id: string;
  source: string;
  /** When the source saw it (`--at`), UTC ISO-8601. */
  observedAt: string;
  /** When Cairn compared it. */
  checkedAt: string;
  author: string;
  /** `cairn` for Cairn's own format, else the importer's format word. */
  format: string;
  file: string | null;
  /**
   * A hash of the observation as it came, to tell repeated observations apart: the files' (the
   * CLI), the sender's, or of the observed items' JSON as given (list-hash.ts).
   */
  hash: string;
  items: number;
  /** Items observed, by class. */
  byClass: Record<string, number>;
  /** Revision the observation was compared with (the newest at `observedAt`); 0 on an empty CMDB. */
  rev: number;
  /** What the observation covers when it is partial or scoped; absent: all its source sees. */
  scope?: ObservationScope;
  /** Relationships observed (compared only when there are some). */
  relations?: number;
}

/** A relationship a finding is about: its type (never an inverse name) and its ends, `class/name`. */
export interface RelationDrift {
  type: string;
  from: string;
  to: string;
}

/** Who closed a finding, how and when; `ref` is the revision (`r42`) or change (`CHG-7`) it led to. */
export interface Resolution {
  kind: ResolutionKind;
  by: string;
  at: string;
  ref?: string;
  note?: string;
}

export interface Finding {
  /** `DRF-42`. */
  id: string;
  observationId: string;
  source: string;
  kind: FindingKind;
  /** `class/name` of the CI (modified, missing) or of the observed item (unexpected). */
  ref: string;
  class: string;
  ciId: string | null;
  /** The observed item's `class/name` when it was matched to a CI under another name (by identification keys). */
  observedRef?: string;
  classification: Classification;
  /** Modified: the attributes that differ. Empty for missing and unexpected. */
  attributes: AttributeDrift[];
  /** Unexpected: the item as observed (what accepting it writes). Missing: the CI as authorized. */
  item?: DesiredCi;
  /**
   * Set when the finding is about a relationship rather than a CI: missing, the CMDB holds it and
   * the source did not see it; unexpected, the source saw it and the CMDB does not hold it. `ref`,
   * `class` and `ciId` are then those of its `from` end.
   */
  relation?: RelationDrift;
  /** The rule (`SUP-3`) that suppresses it: counted and listed apart, not gating. */
  suppressedBy?: string;
  state: FindingState;
  resolution?: Resolution;
}

/** A finding before it is stored (no id, state open). */
export type NewFinding = Omit<Finding, 'id' | 'observationId' | 'state' | 'resolution'>;

export interface DriftSummary {
  modified: number;
  missing: number;
  unexpected: number;
  /** Findings suppressed by a rule; also counted in their kind. */
  suppressed: number;
  /** Unauthorized findings not suppressed: what makes `drift check` fail. */
  unauthorized: number;
  matched: number;
  /** Findings about relationships; also counted in missing and unexpected. */
  relations: number;
  byClass: Record<string, { modified: number; missing: number; unexpected: number }>;
}

/** What `drift check` reports (and `-o json` prints). */
export interface DriftReport {
  observation: Observation;
  summary: DriftSummary;
  findings: Finding[];
}

/** Known, accepted drift: findings it matches are suppressed until it expires. */
export interface SuppressionRule {
  /** `SUP-3`. */
  id: string;
  match: SuppressionMatch;
  owner: string;
  reason: string;
  /** Exclusive: the rule stops applying at this instant. */
  expiresAt: string;
  createdAt: string;
  createdBy: string;
  removedAt?: string;
  removedBy?: string;
}

/** Every given field must match; an absent field matches anything. */
export interface SuppressionMatch {
  source?: string;
  /** A class; CIs of its subclasses match too. */
  class?: string;
  /** `class/name`. */
  ci?: string;
  /** Suppresses a modified finding only if each of its attributes is named by a matching rule. */
  attribute?: string;
}

/** A revision written by `drift accept`, waiting for (or given) a retrospective review. */
export interface ReviewFlag {
  rev: number;
  source: string;
  observationIds: string[];
  findingIds: string[];
  flaggedAt: string;
  flaggedBy: string;
  reviewedAt?: string;
  reviewedBy?: string;
  note?: string;
}

/** Which stored findings: every given field must match. */
export interface FindingFilter {
  source?: string;
  state?: FindingState;
  class?: string;
  kind?: FindingKind;
  observationId?: string;
}

/** A query over stored findings, oldest first. */
export interface FindingQuery extends FindingFilter {
  limit: number;
  /** Only findings numbered above this one (DRF-n's n): where the previous page ended. */
  after?: number;
}

export const findingRef = (n: number): string => `DRF-${n}`;
export const observationRef = (n: number): string => `OBS-${n}`;
export const suppressionRef = (n: number): string => `SUP-${n}`;

/** Reads `DRF-12` / `OBS-3` / `SUP-4` (any case) or a bare number; undefined otherwise. */
export function parseNumberedRef(text: string, prefix: 'DRF' | 'OBS' | 'SUP'): number | undefined {
  const m = new RegExp(`^(?:${prefix}-)?([1-9][0-9]*)$`, 'i').exec(text.trim());
  return m?.[1] === undefined ? undefined : Number(m[1]);
}
