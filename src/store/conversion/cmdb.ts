import type { Insertable } from 'kysely';
import type { CiVersion, RelationVersion } from '../../core/ci/ci.types.js';
import type { ModelVersion } from '../../core/model/model-version.types.js';
import type { Baseline, Revision, RevisionHeader } from '../../core/revision/revision.types.js';
import type {
  BaselineRow,
  BaselinesTable,
  CiVersionRow,
  CiVersionsTable,
  ModelVersionRow,
  ModelVersionsTable,
  RelationVersionRow,
  RelationVersionsTable,
  RevisionRow,
  RevisionsTable,
} from '../repositories/cmdb/cmdb.table.js';
import type { VersionColumns } from '../repositories/cmdb/insert-versions.js';
import { readJson, readTime } from './values.js';

/**
 * Attribute sources are stored sparsely: only the attributes set by a source other than the one
 * that wrote the version. An import writes `{}` instead of repeating every key with its own name.
 */
export function encodeAttributeSources(
  sources: Record<string, string>,
  versionSource: string | null,
): Record<string, string> {
  const own = versionSource ?? 'unknown';
  const out: Record<string, string> = {};
  // for…in, not Object.entries: no array of pairs per version written (an import writes millions).
  for (const key in sources) if (Object.hasOwn(sources, key) && sources[key] !== own) out[key] = sources[key]!;
  return out;
}

/** JSON text of a version's attribute sources as stored: `{}` for nearly every version, made once. */
function attributeSourcesText(sources: Record<string, string>, versionSource: string | null): string {
  const own = versionSource ?? 'unknown';
  for (const key in sources)
    if (Object.hasOwn(sources, key) && sources[key] !== own)
      return JSON.stringify(encodeAttributeSources(sources, versionSource));
  return '{}';
}

export function decodeAttributeSources(
  stored: Record<string, string>,
  attributes: Record<string, unknown>,
  versionSource: string | null,
): Record<string, string> {
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
    attribute_sources: attributeSourcesText(v.attributeSources, v.source),
  };
}

/** ciRow's columns, in its order, and its values written into an insert's array (insertVersionsOf). */
export const CI_ROWS: VersionColumns<CiVersion> = {
  columns: [
    'id',
    'rev_from',
    'rev_to',
    'class',
    'name',
    'status',
    'attributes',
    'labels',
    'source',
    'hash',
    'attribute_sources',
  ],
  fill: (v, values) => {
    values[0] = v.id;
    values[1] = v.revFrom;
    values[2] = v.revTo;
    values[3] = v.class;
    values[4] = v.name;
    values[5] = v.status;
    values[6] = JSON.stringify(v.attributes);
    values[7] = JSON.stringify(v.labels);
    values[8] = v.source;
    values[9] = v.hash;
    values[10] = attributeSourcesText(v.attributeSources, v.source);
  },
  row: ciRow,
};

export function rowToCi(r: CiVersionRow): CiVersion {
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

/** relationRow's columns, in its order, and its values written into an insert's array (insertVersionsOf). */
export const RELATION_ROWS: VersionColumns<RelationVersion> = {
  columns: ['id', 'rev_from', 'rev_to', 'type', 'source_id', 'target_id', 'attributes', 'source', 'hash'],
  fill: (v, values) => {
    values[0] = v.id;
    values[1] = v.revFrom;
    values[2] = v.revTo;
    values[3] = v.type;
    values[4] = v.sourceId;
    values[5] = v.targetId;
    values[6] = JSON.stringify(v.attributes);
    values[7] = v.source;
    values[8] = v.hash;
  },
  row: relationRow,
};

export function rowToRelation(r: RelationVersionRow): RelationVersion {
  return rowToComparedRelation(r, readJson);
}

/** A relationship version whose attributes `json` parses (a diff's interns them). */
export function rowToComparedRelation(r: RelationVersionRow, json: <T>(value: unknown) => T): RelationVersion {
  return {
    id: r.id,
    revFrom: r.rev_from,
    revTo: r.rev_to,
    type: r.type,
    sourceId: r.source_id,
    targetId: r.target_id,
    attributes: json(r.attributes),
    source: r.source,
    hash: r.hash,
  };
}

export function modelRow(v: ModelVersion): Insertable<ModelVersionsTable> {
  return {
    kind: v.kind,
    name: v.name,
    rev_from: v.revFrom,
    rev_to: v.revTo,
    definition: JSON.stringify(v.definition),
    hash: v.hash,
  };
}

export function rowToModel(r: ModelVersionRow): ModelVersion {
  return {
    kind: r.kind as ModelVersion['kind'],
    name: r.name,
    definition: readJson(r.definition),
    revFrom: r.rev_from,
    revTo: r.rev_to,
    hash: r.hash,
  } as ModelVersion;
}

export function revisionRow(r: Revision): Insertable<RevisionsTable> {
  return {
    rev: r.rev,
    parent_rev: r.parentRev,
    at: r.at,
    author: r.author,
    message: r.message,
    source: r.source,
    change_id: r.changeId,
    backout_of: r.backoutOf ?? null,
    hash: r.hash,
    prev_hash: r.prevHash,
  };
}

export function rowToRevision(r: RevisionRow): Revision {
  return {
    rev: r.rev,
    parentRev: r.parent_rev,
    at: readTime(r.at),
    author: r.author,
    message: r.message,
    source: r.source,
    changeId: r.change_id,
    // Absent rather than null when not a backout: the hash covers the field only when it is set.
    ...(r.backout_of === null ? {} : { backoutOf: r.backout_of }),
    hash: r.hash,
    prevHash: r.prev_hash,
  };
}

/** A revision's header (a diff line's `madeIn`), from its columns alone. */
export function rowToRevisionHeader(
  r: Pick<RevisionRow, 'rev' | 'at' | 'author' | 'change_id' | 'backout_of'>,
): RevisionHeader {
  return {
    rev: r.rev,
    at: readTime(r.at),
    author: r.author,
    changeId: r.change_id,
    ...(r.backout_of === null ? {} : { backoutOf: r.backout_of }),
  };
}

export function baselineRow(b: Baseline): Insertable<BaselinesTable> {
  return { name: b.name, rev: b.rev, created_at: b.createdAt, author: b.author, description: b.description };
}

export function rowToBaseline(r: BaselineRow): Baseline {
  return { name: r.name, rev: r.rev, createdAt: readTime(r.created_at), author: r.author, description: r.description };
}
