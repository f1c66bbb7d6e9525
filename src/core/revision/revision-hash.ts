import { createHash, type Hash } from 'node:crypto';
import { canonicalJson, contentHash } from '../shared/canonical.js';
import { ciContent, relationContent, type CiVersion, type RelationVersion } from '../ci/ci.types.js';
import type { ModelVersion } from '../model/model-version.types.js';
import type { RevisionWrites, Revision } from './revision.types.js';
import type { RevisionHashPage, RevisionHashSection } from './revision-hash-stream.types.js';

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
  h.update(headerText(header));
  for (const v of sortById(writes.createdCis))
    h.update(createdLine('c', v.id, recompute ? contentHash(ciContent(v)) : v.hash, v.source));
  for (const v of sortById(writes.endedCis)) h.update(endedLine('c', v.id, v.revFrom));
  for (const v of sortById(writes.createdRelations))
    h.update(createdLine('r', v.id, recompute ? contentHash(relationContent(v)) : v.hash, v.source));
  for (const v of sortById(writes.endedRelations)) h.update(endedLine('r', v.id, v.revFrom));
  hashModel(h, writes.createdModel, writes.endedModel, recompute);
  return h.digest('hex');
}

/** The order of the sections of the hashed text, as `computeRevisionHash` writes them. */
const SECTIONS: readonly RevisionHashSection[] = ['createdCis', 'endedCis', 'createdRelations', 'endedRelations'];

/**
 * The same hash as `computeRevisionHash(header, writes, false)`, over the revision's version rows
 * read back from the store in pages instead of a list held in memory: what a large import uses,
 * so that its memory does not grow with the versions it wrote. The same lines are hashed in the
 * same order, so the two agree byte for byte (and `audit verify` agrees with both).
 *
 * Pages must come section by section in the order above, each section's ids strictly ascending
 * (as `computeRevisionHash` sorts them): anything else throws rather than chain a wrong hash.
 * The model's versions are few and come as lists.
 */
export async function computeRevisionHashStreamed(
  header: Omit<Revision, 'hash'>,
  pages: AsyncIterable<RevisionHashPage>,
  model: Pick<RevisionWrites, 'createdModel' | 'endedModel'>,
): Promise<string> {
  const h = createHash('sha256');
  h.update(headerText(header));
  let section = 0;
  let lastId = '';
  for await (const page of pages) {
    const at = SECTIONS.indexOf(page.section);
    if (at < section) throw new Error(`revision hash: section ${page.section} came after ${SECTIONS[section]}`);
    if (at > section) lastId = '';
    section = at;
    const kind = page.section.endsWith('Cis') ? 'c' : 'r';
    const created = page.section.startsWith('created');
    // A page's lines hashed as one text: a call of the hash per line cost more than the line.
    let text = '';
    for (const v of page.versions) {
      if (!(v.id > lastId)) throw new Error(`revision hash: ${page.section} not in id order at ${v.id}`);
      lastId = v.id;
      text += created ? createdLine(kind, v.id, v.hash, v.source) : endedLine(kind, v.id, v.revFrom);
    }
    h.update(text);
  }
  hashModel(h, model.createdModel, model.endedModel, false);
  return h.digest('hex');
}

function headerText(header: Omit<Revision, 'hash'>): string {
  return canonicalJson({
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
  });
}

const createdLine = (kind: 'c' | 'r', id: string, hash: string, source: string | null | undefined) =>
  `\n${kind}+ ${id} ${hash} ${source ?? ''}`;
const endedLine = (kind: 'c' | 'r', id: string, revFrom: number) => `\n${kind}- ${id} ${revFrom}`;

function hashModel(h: Hash, created: ModelVersion[], ended: ModelVersion[], recompute: boolean): void {
  for (const v of sortModel(created)) {
    const hash = recompute ? contentHash(v.definition) : v.hash;
    h.update(`\nm+ ${v.kind}:${v.name} ${hash}`);
  }
  for (const v of sortModel(ended)) h.update(`\nm- ${v.kind}:${v.name} ${v.revFrom}`);
}

function sortById<T extends CiVersion | RelationVersion>(rows: T[]): T[] {
  // Ids are time-ordered and usually arrive sorted, which makes this sort close to linear.
  return [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function sortModel(rows: ModelVersion[]): ModelVersion[] {
  const key = (v: ModelVersion) => `${v.kind}:${v.name}`;
  return [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
