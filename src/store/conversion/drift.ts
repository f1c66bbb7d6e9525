import type { Insertable } from 'kysely';
import type { DesiredCi } from '../../core/ci/desired-state.js';
import type { AuthorityRules, AuthorityVersion } from '../../core/drift/authority.js';
import type { DriftSchedule } from '../../core/drift/drift-schedule.js';
import type { ObservationScope } from '../../core/drift/scope.js';
import {
  findingRef,
  observationRef,
  suppressionRef,
  type AttributeDrift,
  type Classification,
  type Finding,
  type FindingKind,
  type FindingState,
  type Observation,
  type ResolutionKind,
  type RelationDrift,
  type ReviewFlag,
  type SuppressionMatch,
  type SuppressionRule,
} from '../../core/drift/drift.types.js';
import type {
  DriftAuthorityVersionRow,
  DriftAuthorityVersionsTable,
  DriftFindingRow,
  DriftFindingsTable,
  DriftObservationRow,
  DriftObservationsTable,
  DriftReviewRow,
  DriftReviewsTable,
  DriftScheduleRow,
  DriftSchedulesTable,
  DriftSuppressionRow,
  DriftSuppressionsTable,
} from '../repositories/drift/drift.table.js';
import { readJson, readNullableTime, readOptionalTime, readTime } from './values.js';

/** Observations are numbered in their table; the domain names them `OBS-<n>`. */
export function observationRow(o: Observation, id: number): Insertable<DriftObservationsTable> {
  return {
    id,
    source: o.source,
    observed_at: o.observedAt,
    checked_at: o.checkedAt,
    author: o.author,
    format: o.format,
    file: o.file,
    hash: o.hash,
    items: o.items,
    by_class: JSON.stringify(o.byClass),
    rev: o.rev,
    scope: o.scope ? JSON.stringify(o.scope) : null,
    relations: o.relations ?? null,
  };
}

export function rowToObservation(r: DriftObservationRow): Observation {
  return {
    id: observationRef(r.id),
    source: r.source,
    observedAt: readTime(r.observed_at),
    checkedAt: readTime(r.checked_at),
    author: r.author,
    format: r.format,
    file: r.file,
    hash: r.hash,
    items: r.items,
    byClass: readJson(r.by_class),
    rev: r.rev,
    ...(r.scope !== null ? { scope: readJson<ObservationScope>(r.scope) } : {}),
    ...(r.relations !== null ? { relations: r.relations } : {}),
  };
}

export function findingRow(f: Finding, id: number, observationId: number): Insertable<DriftFindingsTable> {
  return {
    id,
    observation_id: observationId,
    source: f.source,
    kind: f.kind,
    ref: f.ref,
    class: f.class,
    ci_id: f.ciId,
    observed_ref: f.observedRef ?? null,
    classification: f.classification,
    attributes: JSON.stringify(f.attributes),
    item: f.item ? JSON.stringify(f.item) : null,
    relation: f.relation ? JSON.stringify(f.relation) : null,
    suppressed_by: f.suppressedBy ?? null,
    state: f.state,
    resolution_kind: null,
    resolved_by: null,
    resolved_at: null,
    resolution_ref: null,
    resolution_note: null,
  };
}

export function rowToFinding(r: DriftFindingRow): Finding {
  const f: Finding = {
    id: findingRef(r.id),
    observationId: observationRef(r.observation_id),
    source: r.source,
    kind: r.kind as FindingKind,
    ref: r.ref,
    class: r.class,
    ciId: r.ci_id,
    classification: r.classification as Classification,
    attributes: readJson<AttributeDrift[]>(r.attributes),
    state: r.state as FindingState,
  };
  if (r.observed_ref !== null) f.observedRef = r.observed_ref;
  if (r.item !== null) f.item = readJson<DesiredCi>(r.item);
  if (r.relation !== null) f.relation = readJson<RelationDrift>(r.relation);
  if (r.suppressed_by !== null) f.suppressedBy = r.suppressed_by;
  if (r.resolution_kind !== null) {
    f.resolution = {
      kind: r.resolution_kind as ResolutionKind,
      by: r.resolved_by ?? '',
      at: readOptionalTime(r.resolved_at) ?? '',
    };
    if (r.resolution_ref !== null) f.resolution.ref = r.resolution_ref;
    if (r.resolution_note !== null) f.resolution.note = r.resolution_note;
  }
  return f;
}

export function rowToSuppression(r: DriftSuppressionRow): SuppressionRule {
  const rule: SuppressionRule = {
    id: suppressionRef(r.id),
    match: readJson<SuppressionMatch>(r.match),
    owner: r.owner,
    reason: r.reason,
    expiresAt: readTime(r.expires_at),
    createdAt: readTime(r.created_at),
    createdBy: r.created_by,
  };
  const removedAt = readOptionalTime(r.removed_at);
  if (removedAt !== undefined) {
    rule.removedAt = removedAt;
    rule.removedBy = r.removed_by ?? '';
  }
  return rule;
}

export function authorityRow(v: AuthorityVersion): Insertable<DriftAuthorityVersionsTable> {
  return {
    version: v.version,
    rules: JSON.stringify(v.rules),
    hash: v.hash,
    created_at: v.createdAt,
    author: v.author,
  };
}

export function rowToAuthority(r: DriftAuthorityVersionRow): AuthorityVersion {
  return {
    version: r.version,
    rules: readJson<AuthorityRules>(r.rules),
    hash: r.hash,
    createdAt: readTime(r.created_at),
    author: r.author,
  };
}

export function rowToReview(r: DriftReviewRow): ReviewFlag {
  const f: ReviewFlag = {
    rev: r.rev,
    source: r.source,
    observationIds: readJson<string[]>(r.observation_ids),
    findingIds: readJson<string[]>(r.finding_ids),
    flaggedAt: readTime(r.flagged_at),
    flaggedBy: r.flagged_by,
  };
  const reviewedAt = readOptionalTime(r.reviewed_at);
  if (reviewedAt !== undefined) {
    f.reviewedAt = reviewedAt;
    f.reviewedBy = r.reviewed_by ?? '';
  }
  if (r.note !== null) f.note = r.note;
  return f;
}

/** A new rule's row; its exact type lets the rule be read back from it without a query. */
export function suppressionRow(id: number, rule: NewSuppression) {
  return {
    id,
    match: JSON.stringify(rule.match),
    owner: rule.owner,
    reason: rule.reason,
    expires_at: rule.expiresAt,
    created_at: rule.createdAt,
    created_by: rule.createdBy,
    removed_at: null,
    removed_by: null,
  } satisfies Insertable<DriftSuppressionsTable>;
}

/** A suppression rule as `addSuppression` receives it: the rule before it has a number or is removed. */
export type NewSuppression = Omit<SuppressionRule, 'id' | 'removedAt' | 'removedBy'>;

export function reviewRow(f: ReviewFlag): Insertable<DriftReviewsTable> {
  return {
    rev: f.rev,
    source: f.source,
    observation_ids: JSON.stringify(f.observationIds),
    finding_ids: JSON.stringify(f.findingIds),
    flagged_at: f.flaggedAt,
    flagged_by: f.flaggedBy,
    reviewed_at: null,
    reviewed_by: null,
    note: null,
  };
}

export function scheduleRow(s: DriftSchedule): Insertable<DriftSchedulesTable> {
  return {
    id: s.id,
    source: s.source,
    format: s.format,
    file: s.file,
    mapping: s.mapping,
    every_seconds: s.everySeconds,
    next_run_at: s.nextRunAt,
    created_at: s.createdAt,
    created_by: s.createdBy,
    last_run_at: null,
    last_observation: null,
    last_error: null,
  };
}

export function rowToSchedule(r: DriftScheduleRow): DriftSchedule {
  return {
    id: r.id,
    source: r.source,
    format: r.format,
    file: r.file,
    mapping: r.mapping,
    everySeconds: Number(r.every_seconds),
    nextRunAt: readTime(r.next_run_at),
    createdAt: readTime(r.created_at),
    createdBy: r.created_by,
    lastRunAt: readNullableTime(r.last_run_at),
    lastObservation: r.last_observation,
    lastError: r.last_error,
  };
}
