import type { CiVersion, RelationVersion } from '../core/ci/ci.types.js';
import type { ModelVersion } from '../core/model/model-version.types.js';
import type { Baseline, Revision } from '../core/revision/revision.types.js';
import { ConflictError } from '../core/shared/errors.js';
import type { Insertable, Selectable } from 'kysely';
import type { BaselinesTable, CiVersionsTable, ModelVersionsTable, RelationVersionsTable, RevisionsTable } from './repositories/cmdb/cmdb.table.js';

/** PostgreSQL returns jsonb parsed; SQLite returns the text we stored. */
export function readJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/** PostgreSQL returns timestamptz as a Date; SQLite returns the ISO text we stored. */
export function readTime(value: Date | string): string {
  return value instanceof Date ? value.toISOString() : value;
}

/**
 * Attribute sources are stored sparsely: only the attributes set by a source other than the one
 * that wrote the version. An import writes `{}` instead of repeating every key with its own name.
 */
export function encodeAttributeSources(sources: Record<string, string>, versionSource: string | null): Record<string, string> {
  const own = versionSource ?? 'unknown';
  const out: Record<string, string> = {};
  for (const [key, source] of Object.entries(sources)) if (source !== own) out[key] = source;
  return out;
}

export function decodeAttributeSources(stored: Record<string, string>, attributes: Record<string, unknown>, versionSource: string | null): Record<string, string> {
  const own = versionSource ?? 'unknown';
  const out: Record<string, string> = {};
  for (const key of Object.keys(attributes)) out[key] = stored[key] ?? own;
  return out;
}

export function ciRow(v: CiVersion): Insertable<CiVersionsTable> {
  return {
    id: v.id,
    rev_from: v.revFrom,
    rev_to: v.revTo,
    class: v.class,
    name: v.name,
    status: v.status,
    attributes: JSON.stringify(v.attributes),
    labels: JSON.stringify(v.labels),
    source: v.source,
    hash: v.hash,
    attribute_sources: JSON.stringify(encodeAttributeSources(v.attributeSources, v.source)),
  };
}

export function rowToCi(r: Selectable<CiVersionsTable>): CiVersion {
  return {
    id: r.id,
    revFrom: r.rev_from,
    revTo: r.rev_to,
    class: r.class,
    name: r.name,
    status: r.status,
    attributes: readJson(r.attributes),
    labels: readJson(r.labels),
    source: r.source,
    hash: r.hash,
    attributeSources: decodeAttributeSources(readJson(r.attribute_sources), readJson(r.attributes), r.source),
  };
}

export function relationRow(v: RelationVersion): Insertable<RelationVersionsTable> {
  return {
    id: v.id,
    rev_from: v.revFrom,
    rev_to: v.revTo,
    type: v.type,
    source_id: v.sourceId,
    target_id: v.targetId,
    attributes: JSON.stringify(v.attributes),
    source: v.source,
    hash: v.hash,
  };
}

export function rowToRelation(r: Selectable<RelationVersionsTable>): RelationVersion {
  return {
    id: r.id,
    revFrom: r.rev_from,
    revTo: r.rev_to,
    type: r.type,
    sourceId: r.source_id,
    targetId: r.target_id,
    attributes: readJson(r.attributes),
    source: r.source,
    hash: r.hash,
  };
}

export function rowToModel(r: Selectable<ModelVersionsTable>): ModelVersion {
  return {
    kind: r.kind as ModelVersion['kind'],
    name: r.name,
    definition: readJson(r.definition),
    revFrom: r.rev_from,
    revTo: r.rev_to,
    hash: r.hash,
  } as ModelVersion;
}

export function rowToRevision(r: Selectable<RevisionsTable>): Revision {
  return {
    rev: r.rev,
    parentRev: r.parent_rev,
    at: readTime(r.at),
    author: r.author,
    message: r.message,
    source: r.source,
    changeId: r.change_id,
    hash: r.hash,
    prevHash: r.prev_hash,
  };
}

export function rowToBaseline(r: Selectable<BaselinesTable>): Baseline {
  return { name: r.name, rev: r.rev, createdAt: readTime(r.created_at), author: r.author, description: r.description };
}

/** Turns a driver's unique-violation into a ConflictError; rethrows anything else. */
export function convertError(e: unknown, what: string): never {
  const err = e as { code?: string; message?: string };
  // SQLite: SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY; PostgreSQL: 23505 unique_violation.
  if (err.code === '23505' || err.code === 'SQLITE_CONSTRAINT_UNIQUE' || err.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    throw new ConflictError('CONFLICT', `${what} already exists`);
  }
  throw e;
}

/** Splits a list into chunks, to stay under the engines' limits on bound parameters. */
export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
