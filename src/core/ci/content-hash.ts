import { canonicalJson, contentHash, contentHashOfText } from '../shared/canonical.js';
import { ciContent, relationContent, type CiVersion, type RelationVersion } from './ci.types.js';

/**
 * The content hashes of CI and relationship versions, as `contentHash(ciContent(v))` and
 * `contentHash(relationContent(v))` give them, without building the content object and sorting
 * its keys per version: the canonical JSON of these fixed shapes is written out with the keys in
 * their sorted order, the nested records encoded canonically as before. Byte for byte the same
 * text (content-hash.test.ts), so the same hashes: an import computes one or two per record.
 * Anything not of the usual shape (a field not a string, a record missing) takes the general path.
 */
export function ciContentHash(v: Pick<CiVersion, 'class' | 'name' | 'status' | 'attributes' | 'labels'>): string {
  const { attributes, labels } = v;
  if (
    typeof v.class !== 'string' ||
    typeof v.name !== 'string' ||
    typeof v.status !== 'string' ||
    !isRecord(attributes) ||
    !isRecord(labels)
  )
    return contentHash(ciContent(v));
  const text =
    `{"attributes":${record(attributes)},"class":${JSON.stringify(v.class)},"labels":${record(labels)},` +
    `"name":${JSON.stringify(v.name)},"status":${JSON.stringify(v.status)}}`;
  return contentHashOfText(text);
}

export function relationContentHash(v: Pick<RelationVersion, 'type' | 'sourceId' | 'targetId' | 'attributes'>): string {
  const { attributes } = v;
  if (
    typeof v.type !== 'string' ||
    typeof v.sourceId !== 'string' ||
    typeof v.targetId !== 'string' ||
    !isRecord(attributes)
  )
    return contentHash(relationContent(v));
  const text =
    `{"attributes":${record(attributes)},"source":${JSON.stringify(v.sourceId)},` +
    `"target":${JSON.stringify(v.targetId)},"type":${JSON.stringify(v.type)}}`;
  return contentHashOfText(text);
}

/** A plain object (what JSON parsing and the store give): no toJSON or class of its own to honour. */
function isRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A record's canonical JSON; an empty one (most labels, most relationships' attributes) costs nothing. */
function record(value: Record<string, unknown>): string {
  for (const _ in value) return canonicalJson(value);
  return '{}';
}
