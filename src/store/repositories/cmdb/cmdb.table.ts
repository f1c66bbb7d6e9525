import type { Selectable } from 'kysely';
import type { Json, Time } from '../../column-types.js';

/**
 * The CMDB's tables (migrations 0001 and 0004). A version row is live from `rev_from` until
 * `rev_to` (exclusive; null while current): see src/store/README.md for the invariants.
 */
export interface RevisionsTable {
  rev: number;
  parent_rev: number | null;
  at: Time;
  author: string;
  message: string;
  source: string;
  change_id: string | null;
  /** The change this revision backed out (migration 0021). */
  backout_of: string | null;
  hash: string;
  prev_hash: string | null;
}

export interface CiVersionsTable {
  id: string;
  rev_from: number;
  rev_to: number | null;
  class: string;
  name: string;
  status: string;
  attributes: Json;
  labels: Json;
  source: string | null;
  hash: string;
  attribute_sources: Json;
}

export interface RelationVersionsTable {
  id: string;
  rev_from: number;
  rev_to: number | null;
  type: string;
  source_id: string;
  target_id: string;
  attributes: Json;
  source: string | null;
  hash: string;
}

export interface ModelVersionsTable {
  kind: string;
  name: string;
  rev_from: number;
  rev_to: number | null;
  definition: Json;
  hash: string;
}

export interface BaselinesTable {
  name: string;
  rev: number;
  created_at: Time;
  author: string;
  description: string;
}

/** Named counters bumped under the CMDB write lock (the change number). */
export interface CountersTable {
  name: string;
  value: number;
}

export type RevisionRow = Selectable<RevisionsTable>;
export type CiVersionRow = Selectable<CiVersionsTable>;
export type RelationVersionRow = Selectable<RelationVersionsTable>;
export type ModelVersionRow = Selectable<ModelVersionsTable>;
export type BaselineRow = Selectable<BaselinesTable>;
