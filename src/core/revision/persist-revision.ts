import type { CiVersion, RelationVersion } from '../ci/ci.types.js';
import type { ModelVersion } from '../model/model-version.types.js';
import type { CmdbWriter, RevisionWrites } from '../ports/cmdb-store.port.js';
import type { Clock } from '../shared/clock.js';
import { computeRevisionHash } from './revision-hash.js';
import type { Revision, WriteMeta } from './revision.types.js';

/** Version writes of one revision: for each, the version it ends (if any) and the one it starts. */
export interface PendingWrites {
  cis: { before?: CiVersion; after?: CiVersion }[];
  relations: { before?: RelationVersion; after?: RelationVersion }[];
  model: { before?: ModelVersion; after?: ModelVersion }[];
}

export function isEmpty(w: PendingWrites): boolean {
  return w.cis.length === 0 && w.relations.length === 0 && w.model.length === 0;
}

/** The number the next revision gets, and the head it chains to; read inside the write lock. */
export async function nextRevision(tx: CmdbWriter): Promise<{ rev: number; head: Revision | undefined }> {
  const head = await tx.head();
  return { rev: (head?.rev ?? 0) + 1, head };
}

/** Collects the version writes of one revision as they are persisted batch by batch. */
export function emptyWrites(): PendingWrites {
  return { cis: [], relations: [], model: [] };
}

export function appendWrites(into: PendingWrites, more: PendingWrites): void {
  for (const w of more.cis) into.cis.push(w);
  for (const w of more.relations) into.relations.push(w);
  for (const w of more.model) into.model.push(w);
}

/** Ends the replaced versions and inserts the new ones of (a batch of) revision `rev`. */
export async function persistVersions(tx: CmdbWriter, rev: number, writes: PendingWrites): Promise<void> {
  const endedModel = writes.model.flatMap((w) => (w.before ? [w.before] : []));
  const createdModel = writes.model.flatMap((w) => (w.after ? [w.after] : []));
  const endedRelations = writes.relations.flatMap((w) => (w.before ? [w.before.id] : []));
  const endedCis = writes.cis.flatMap((w) => (w.before ? [w.before.id] : []));
  const createdCis = writes.cis.flatMap((w) => (w.after ? [w.after] : []));
  const createdRelations = writes.relations.flatMap((w) => (w.after ? [w.after] : []));
  if (endedModel.length > 0) await tx.endModelVersions(endedModel, rev);
  if (createdModel.length > 0) await tx.insertModelVersions(createdModel);
  if (endedRelations.length > 0) await tx.endRelationVersions(endedRelations, rev);
  if (endedCis.length > 0) await tx.endCiVersions(endedCis, rev);
  if (createdCis.length > 0) await tx.insertCiVersions(createdCis);
  if (createdRelations.length > 0) await tx.insertRelationVersions(createdRelations);
}

/**
 * Appends the revision row for versions already persisted, chained to the head. Its time never
 * goes back before the head's, so that reading `--at TIME` is unambiguous even when the clocks
 * of two processes disagree.
 */
export async function appendRevision(
  tx: CmdbWriter,
  next: { rev: number; head: Revision | undefined },
  meta: WriteMeta,
  clock: Clock,
  writes: PendingWrites,
): Promise<Revision> {
  const { rev, head } = next;
  const all: RevisionWrites = {
    createdCis: writes.cis.flatMap((w) => (w.after ? [w.after] : [])),
    endedCis: writes.cis.flatMap((w) => (w.before ? [w.before] : [])),
    createdRelations: writes.relations.flatMap((w) => (w.after ? [w.after] : [])),
    endedRelations: writes.relations.flatMap((w) => (w.before ? [w.before] : [])),
    createdModel: writes.model.flatMap((w) => (w.after ? [w.after] : [])),
    endedModel: writes.model.flatMap((w) => (w.before ? [w.before] : [])),
  };
  const now = clock.now().toISOString();
  const at = head && head.at > now ? head.at : now;
  const header: Omit<Revision, 'hash'> = {
    rev,
    parentRev: head?.rev ?? null,
    at,
    author: meta.author,
    message: meta.message ?? '',
    source: meta.source ?? 'cli',
    changeId: meta.changeId ?? null,
    prevHash: head?.hash ?? null,
  };
  const revision: Revision = { ...header, hash: computeRevisionHash(header, all, false) };
  await tx.insertRevision(revision);
  return revision;
}

/** Persists one revision's versions and appends its revision row. */
export async function persistRevision(
  tx: CmdbWriter,
  next: { rev: number; head: Revision | undefined },
  meta: WriteMeta,
  clock: Clock,
  writes: PendingWrites,
): Promise<Revision> {
  await persistVersions(tx, next.rev, writes);
  return appendRevision(tx, next, meta, clock, writes);
}
