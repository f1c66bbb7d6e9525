import { createHash } from 'node:crypto';
import { canonicalJson, contentHash } from '../shared/canonical.js';
import { ciContent, relationContent, type CiVersion, type RelationVersion } from '../ci/ci.types.js';
import type { ModelVersion } from '../model/model-version.types.js';
import type { RevisionWrites, Revision } from './revision.types.js';

/**
 * The hash chain. A revision's hash is SHA-256 over its header (number, parent, time, author,
 * message, source, change, the change it backed out when set, previous hash) and one line per
 * version it created or ended, in a fixed order. Editing, deleting or inserting any version row, or any header field, changes the
 * hash of the revision it belongs to, and every hash after it through `prevHash`.
 *
 * When `recompute` is true the content hash of each created version is computed again from its
 * content (what `audit verify` does); otherwise the row's stored hash is trusted (what a write
 * does, having just computed it).
 */
export function computeRevisionHash(
  header: Omit<Revision, 'hash'>,
  writes: RevisionWrites,
  recompute: boolean,
): string {
  const h = createHash('sha256');
  h.update(
    canonicalJson({
      rev: header.rev,
      parent: header.parentRev,
      at: header.at,
      author: header.author,
      message: header.message,
      source: header.source,
      change: header.changeId,
      // Only when set, so that revisions hashed before the field existed keep their hash.
      ...(header.backoutOf ? { backoutOf: header.backoutOf } : {}),
      prev: header.prevHash,
    }),
  );
  for (const v of sortById(writes.createdCis)) {
    const hash = recompute ? contentHash(ciContent(v)) : v.hash;
    h.update(`\nc+ ${v.id} ${hash} ${v.source ?? ''}`);
  }
  for (const v of sortById(writes.endedCis)) h.update(`\nc- ${v.id} ${v.revFrom}`);
  for (const v of sortById(writes.createdRelations)) {
    const hash = recompute ? contentHash(relationContent(v)) : v.hash;
    h.update(`\nr+ ${v.id} ${hash} ${v.source ?? ''}`);
  }
  for (const v of sortById(writes.endedRelations)) h.update(`\nr- ${v.id} ${v.revFrom}`);
  for (const v of sortModel(writes.createdModel)) {
    const hash = recompute ? contentHash(v.definition) : v.hash;
    h.update(`\nm+ ${v.kind}:${v.name} ${hash}`);
  }
  for (const v of sortModel(writes.endedModel)) h.update(`\nm- ${v.kind}:${v.name} ${v.revFrom}`);
  return h.digest('hex');
}

function sortById<T extends CiVersion | RelationVersion>(rows: T[]): T[] {
  // Ids are time-ordered and usually arrive sorted, which makes this sort close to linear.
  return [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function sortModel(rows: ModelVersion[]): ModelVersion[] {
  const key = (v: ModelVersion) => `${v.kind}:${v.name}`;
  return [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
