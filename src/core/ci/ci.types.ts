/** One version of a CI: a row of the temporal layout, live from `revFrom` until `revTo` (exclusive). */
export interface CiVersion {
  /** Opaque, stable across versions and renames: `ci_01J…`. */
  id: string;
  class: string;
  name: string;
  status: string;
  attributes: Record<string, unknown>;
  labels: Record<string, string>;
  /** The source that wrote this version (an importer, a discovery source), if any. */
  source: string | null;
  revFrom: number;
  /** Null while the version is current. */
  revTo: number | null;
  /** Content hash of class, name, status, attributes and labels. */
  hash: string;
  /** The source that last set each attribute (`cli`, `import:k8s`, a discovery source, …). */
  attributeSources: Record<string, string>;
}

/** One version of a relationship, stored in its canonical direction. */
export interface RelationVersion {
  id: string;
  type: string;
  sourceId: string;
  targetId: string;
  attributes: Record<string, unknown>;
  source: string | null;
  revFrom: number;
  revTo: number | null;
  hash: string;
}

/**
 * A current CI without its attributes: what a re-import compares with each input item by content
 * hash before reading, merging or validating anything (the store reads no attributes for it).
 */
/** A current CI's id and content hash, by its reference: what a re-import needs of a CI its record gives whole. */
export type CiHash = Pick<CiVersion, 'id' | 'class' | 'name' | 'hash'>;

export type CiDigest = Pick<CiVersion, 'id' | 'class' | 'name' | 'status' | 'labels' | 'source' | 'revFrom' | 'hash'>;

/**
 * The current relationships of one source CI as two texts, enough to tell that an input gives them
 * again unchanged with one string comparison: `keys` holds each relationship's type and target id
 * joined by U+001F, the relationships in (type, target) order joined by U+001E; `hashes` their
 * content hashes in the same order, joined by U+001E. Names and ids hold no control characters,
 * so the separators are unambiguous.
 */
export interface SourceRelations {
  sourceId: string;
  keys: string;
  hashes: string;
}

/** Separates a relationship's type from its target id in SourceRelations.keys. */
export const KEY_PART_SEPARATOR = '\u001f';
/** Separates relationships in SourceRelations.keys and .hashes. */
export const KEY_SEPARATOR = '\u001e';

/** A CI as users see it (CLI JSON, API). */
export interface CiView {
  id: string;
  class: string;
  name: string;
  status: string;
  attributes: Record<string, unknown>;
  labels: Record<string, string>;
  /** The revision that wrote this version. */
  revision: number;
}

export function toCiView(v: CiVersion): CiView {
  return {
    id: v.id,
    class: v.class,
    name: v.name,
    status: v.status,
    attributes: v.attributes,
    labels: v.labels,
    revision: v.revFrom,
  };
}

/** A relationship of a CI as users see it (`GET /cis/…/relations`, `cairn get`): its ends named by reference. */
export interface RelationView {
  id: string;
  type: string;
  from: string;
  to: string;
  attributes: Record<string, unknown>;
  /** The revision that wrote this version. */
  revision: number;
  /** The type's name read from `to` to `from` (`used_by` for `depends_on`). */
  inverse: string;
}

export function toRelationView(r: {
  relation: RelationVersion;
  from: string;
  to: string;
  inverse: string;
}): RelationView {
  return {
    id: r.relation.id,
    type: r.relation.type,
    from: r.from,
    to: r.to,
    attributes: r.relation.attributes,
    revision: r.relation.revFrom,
    inverse: r.inverse,
  };
}

/** What a version's content hash covers: everything a user can change about the CI. */
export function ciContent(v: Pick<CiVersion, 'class' | 'name' | 'status' | 'attributes' | 'labels'>): unknown {
  return { class: v.class, name: v.name, status: v.status, attributes: v.attributes, labels: v.labels };
}

export function relationContent(v: Pick<RelationVersion, 'type' | 'sourceId' | 'targetId' | 'attributes'>): unknown {
  return { type: v.type, source: v.sourceId, target: v.targetId, attributes: v.attributes };
}
