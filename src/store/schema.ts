import type { ColumnType, Generated } from 'kysely';

/**
 * Row types of the tables as Kysely sees them. JSON columns are `jsonb` on PostgreSQL and text on
 * SQLite: written as JSON text on both, read back as whatever the driver returns and parsed in
 * conversion.ts. Times are `timestamptz` on PostgreSQL and ISO text on SQLite.
 */
type Json = ColumnType<unknown, string, string>;
type Time = ColumnType<Date | string, string, string>;

export interface RevisionsTable {
  rev: number;
  parent_rev: number | null;
  at: Time;
  author: string;
  message: string;
  source: string;
  change_id: string | null;
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

export interface CountersTable {
  name: string;
  value: number;
}

export interface Database {
  revisions: RevisionsTable;
  ci_versions: CiVersionsTable;
  relation_versions: RelationVersionsTable;
  model_versions: ModelVersionsTable;
  baselines: BaselinesTable;
  counters: CountersTable;
}

export type { Generated };
