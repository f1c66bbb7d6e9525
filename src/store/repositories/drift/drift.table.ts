import type { Selectable } from 'kysely';
import type { Json, NullableJson, NullableTime, Time } from '../../column-types.js';

/** Drift detection's tables (migrations 0005, 0006 and 0019). */
export interface DriftObservationsTable {
  id: number;
  source: string;
  observed_at: Time;
  checked_at: Time;
  author: string;
  format: string;
  file: string | null;
  hash: string;
  items: number;
  by_class: Json;
  rev: number;
  /** Migration 0019: what a partial or scoped observation covers; how many relationships it reported. */
  scope: NullableJson;
  relations: number | null;
}

export interface DriftFindingsTable {
  id: number;
  observation_id: number;
  source: string;
  kind: string;
  ref: string;
  class: string;
  ci_id: string | null;
  observed_ref: string | null;
  classification: string;
  attributes: Json;
  item: NullableJson;
  /** Migration 0019: the relationship a finding is about. */
  relation: NullableJson;
  suppressed_by: string | null;
  state: string;
  resolution_kind: string | null;
  resolved_by: string | null;
  resolved_at: NullableTime;
  resolution_ref: string | null;
  resolution_note: string | null;
}

export interface DriftSuppressionsTable {
  id: number;
  match: Json;
  owner: string;
  reason: string;
  expires_at: Time;
  created_at: Time;
  created_by: string;
  removed_at: NullableTime;
  removed_by: string | null;
}

export interface DriftAuthorityVersionsTable {
  version: number;
  rules: Json;
  hash: string;
  created_at: Time;
  author: string;
}

export interface DriftReviewsTable {
  rev: number;
  source: string;
  observation_ids: Json;
  finding_ids: Json;
  flagged_at: Time;
  flagged_by: string;
  reviewed_at: NullableTime;
  reviewed_by: string | null;
  note: string | null;
}

export interface DriftSchedulesTable {
  id: string;
  source: string;
  format: string;
  file: string;
  mapping: string | null;
  every_seconds: number;
  next_run_at: Time;
  created_at: Time;
  created_by: string;
  last_run_at: NullableTime;
  last_observation: string | null;
  last_error: string | null;
}

export type DriftObservationRow = Selectable<DriftObservationsTable>;
export type DriftFindingRow = Selectable<DriftFindingsTable>;
export type DriftSuppressionRow = Selectable<DriftSuppressionsTable>;
export type DriftAuthorityVersionRow = Selectable<DriftAuthorityVersionsTable>;
export type DriftReviewRow = Selectable<DriftReviewsTable>;
export type DriftScheduleRow = Selectable<DriftSchedulesTable>;
