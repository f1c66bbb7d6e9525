import type { Insertable, Selectable } from 'kysely';
import type { DesiredCi } from '../core/ci/desired-state.js';
import type { AuthorityRules, AuthorityVersion } from '../core/drift/authority.js';
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
  type ReviewFlag,
  type SuppressionMatch,
  type SuppressionRule,
} from '../core/drift/drift.types.js';
import { readJson, readTime } from './conversion.js';
import type { DriftAuthorityVersionsTable, DriftFindingsTable, DriftObservationsTable, DriftReviewsTable, DriftSuppressionsTable } from './repositories/drift/drift.table.js';

const optionalTime = (v: Date | string | null): string | undefined => (v === null ? undefined : readTime(v));

export function rowToObservation(r: Selectable<DriftObservationsTable>): Observation {
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
    suppressed_by: f.suppressedBy ?? null,
    state: f.state,
    resolution_kind: null,
    resolved_by: null,
    resolved_at: null,
    resolution_ref: null,
    resolution_note: null,
  };
}

export function rowToFinding(r: Selectable<DriftFindingsTable>): Finding {
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
  if (r.suppressed_by !== null) f.suppressedBy = r.suppressed_by;
  if (r.resolution_kind !== null) {
    f.resolution = { kind: r.resolution_kind as ResolutionKind, by: r.resolved_by ?? '', at: optionalTime(r.resolved_at) ?? '' };
    if (r.resolution_ref !== null) f.resolution.ref = r.resolution_ref;
    if (r.resolution_note !== null) f.resolution.note = r.resolution_note;
  }
  return f;
}

export function rowToSuppression(r: Omit<Selectable<DriftSuppressionsTable>, 'match'> & { match: unknown }): SuppressionRule {
  const rule: SuppressionRule = {
    id: suppressionRef(r.id),
    match: readJson<SuppressionMatch>(r.match),
    owner: r.owner,
    reason: r.reason,
    expiresAt: readTime(r.expires_at),
    createdAt: readTime(r.created_at),
    createdBy: r.created_by,
  };
  const removedAt = optionalTime(r.removed_at);
  if (removedAt !== undefined) {
    rule.removedAt = removedAt;
    rule.removedBy = r.removed_by ?? '';
  }
  return rule;
}

export function rowToAuthority(r: Selectable<DriftAuthorityVersionsTable>): AuthorityVersion {
  return { version: r.version, rules: readJson<AuthorityRules>(r.rules), hash: r.hash, createdAt: readTime(r.created_at), author: r.author };
}

export function rowToReview(r: Selectable<DriftReviewsTable>): ReviewFlag {
  const f: ReviewFlag = {
    rev: r.rev,
    source: r.source,
    observationIds: readJson<string[]>(r.observation_ids),
    findingIds: readJson<string[]>(r.finding_ids),
    flaggedAt: readTime(r.flagged_at),
    flaggedBy: r.flagged_by,
  };
  const reviewedAt = optionalTime(r.reviewed_at);
  if (reviewedAt !== undefined) {
    f.reviewedAt = reviewedAt;
    f.reviewedBy = r.reviewed_by ?? '';
  }
  if (r.note !== null) f.note = r.note;
  return f;
}
