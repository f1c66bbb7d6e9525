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

/**
 * Persists one revision: ends the replaced versions, inserts the new ones and appends the
 * revision row chained to the head. Its time never goes back before the head's, so that reading
 * `--at TIME` is unambiguous even when clocks of two processes disagree.
 */
export async function persistRevision(
  tx: CmdbWriter,
  next: { rev: number; head: Revision | undefined },
  meta: WriteMeta,
  clock: Clock,
  writes: PendingWrites,
): Promise<Revision> {
  const { rev, head } = next;
  const ended: RevisionWrites = {
    createdCis: writes.cis.flatMap((w) => (w.after ? [w.after] : [])),
    endedCis: writes.cis.flatMap((w) => (w.before ? [w.before] : [])),
    createdRelations: writes.relations.flatMap((w) => (w.after ? [w.after] : [])),
    endedRelations: writes.relations.flatMap((w) => (w.before ? [w.before] : [])),
    createdModel: writes.model.flatMap((w) => (w.after ? [w.after] : [])),
    endedModel: writes.model.flatMap((w) => (w.before ? [w.before] : [])),
  };
  if (ended.endedModel.length > 0) await tx.endModelVersions(ended.endedModel, rev);
  if (ended.createdModel.length > 0) await tx.insertModelVersions(ended.createdModel);
  if (ended.endedRelations.length > 0) await tx.endRelationVersions(ended.endedRelations.map((v) => v.id), rev);
  if (ended.endedCis.length > 0) await tx.endCiVersions(ended.endedCis.map((v) => v.id), rev);
  if (ended.createdCis.length > 0) await tx.insertCiVersions(ended.createdCis);
  if (ended.createdRelations.length > 0) await tx.insertRelationVersions(ended.createdRelations);

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
  const revision: Revision = { ...header, hash: computeRevisionHash(header, ended, false) };
  await tx.insertRevision(revision);
  return revision;
}
