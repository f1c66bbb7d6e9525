import { canonicalRecord, contentHash, contentHashOfText } from '../shared/canonical.js';
import { ciContent, relationContent, type CiVersion, type RelationVersion } from './ci.types.js';

/**
 * The content hashes of CI and relationship versions, as `contentHash(ciContent(v))` and
 * `contentHash(relationContent(v))` give them, without building the content object through the
 * general encoder: the fixed shape is one object literal with its keys in sorted order, its
 * records in canonical order (canonicalRecord), written by JSON.stringify in one flat string.
 * Byte for byte the same text (content-hash.test.ts), so the same hashes: an import computes one
 * or two per record. Anything not of the usual shape (a field not a string, a record missing, a
 * value only the general encoder writes exactly) takes the general path.
 */
export function ciContentHash(v: Pick<CiVersion, 'class' | 'name' | 'status' | 'attributes' | 'labels'>): string {
  if (typeof v.class !== 'string' || typeof v.name !== 'string' || typeof v.status !== 'string')
    return contentHash(ciContent(v));
  const attributes = orderedRecord(v.attributes);
  const labels = orderedRecord(v.labels);
  if (!attributes || !labels) return contentHash(ciContent(v));
  // Keys in sorted order: attributes, class, labels, name, status.
  return contentHashOfText(JSON.stringify({ attributes, class: v.class, labels, name: v.name, status: v.status }));
}

export function relationContentHash(v: Pick<RelationVersion, 'type' | 'sourceId' | 'targetId' | 'attributes'>): string {
  if (typeof v.type !== 'string' || typeof v.sourceId !== 'string' || typeof v.targetId !== 'string')
    return contentHash(relationContent(v));
  const attributes = orderedRecord(v.attributes);
  if (!attributes) return contentHash(relationContent(v));
  // Keys in sorted order: attributes, source, target, type.
  return contentHashOfText(JSON.stringify({ attributes, source: v.sourceId, target: v.targetId, type: v.type }));
}

/** A plain object's canonical order (what JSON parsing and the store give), or undefined for anything else. */
function orderedRecord(value: unknown): Record<string, unknown> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  return canonicalRecord(value as Record<string, unknown>);
}
