import type { CmdbWriter } from './cmdb.port.js';
import { modelWritesOf, revisionWritesOf, type PendingWrites } from '../revision/pending-writes.js';
import type { Clock } from '../shared/clock.js';
import { requireWellFormedText } from '../shared/well-formed-text.js';
import { computeRevisionHash, computeRevisionHashStreamed } from '../revision/revision-hash.js';
import type { Revision, WriteMeta } from '../revision/revision.types.js';

/** Version rows per page when a revision's hash is read back from the store. */
const HASH_PAGE = 5000;

/** The number the next revision gets, and the head it chains to; read inside the write lock. */
export async function nextRevision(tx: CmdbWriter): Promise<{ rev: number; head: Revision | undefined }> {
  const head = await tx.head();
  return { rev: (head?.rev ?? 0) + 1, head };
}

/** Ends the replaced versions and inserts the new ones of (a batch of) revision `rev`. */
export async function persistVersions(tx: CmdbWriter, rev: number, writes: PendingWrites): Promise<void> {
  const w = revisionWritesOf(writes);
  if (w.endedModel.length > 0) await tx.endModelVersions(w.endedModel, rev);
  if (w.createdModel.length > 0) await tx.insertModelVersions(w.createdModel);
  if (w.endedRelations.length > 0) await tx.endRelationVersions(w.endedRelations, rev);
  if (w.endedCis.length > 0) await tx.endCiVersions(w.endedCis, rev);
  if (w.createdCis.length > 0) await tx.insertCiVersions(w.createdCis);
  if (w.createdRelations.length > 0) await tx.insertRelationVersions(w.createdRelations);
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
  /**
   * `memory`: `writes` holds every version of the revision. `store`: they are persisted but not
   * held (a large import); the hash reads them back a page at a time, `writes` holding only the
   * model's versions that matter for it.
   */
  hashFrom: 'memory' | 'store' = 'memory',
): Promise<Revision> {
  const { rev, head } = next;
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
    ...(meta.backoutOf ? { backoutOf: meta.backoutOf } : {}),
    prevHash: head?.hash ?? null,
  };
  const hash =
    hashFrom === 'memory'
      ? computeRevisionHash(header, revisionWritesOf(writes), false)
      : await computeRevisionHashStreamed(header, tx.revisionHashPages(rev, HASH_PAGE), modelWritesOf(writes));
  const revision: Revision = { ...header, hash };
  await tx.insertRevision(revision);
  // Every revision is a `revision.created` event, recorded in its own transaction so that no
  // committed revision goes unannounced; the relay reads the revision and its diff back.
  await tx.appendEvents([{ type: 'revision.created', at: revision.at, data: { rev } }]);
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
  // Every CMDB write passes here: its message is hashed into the chain, so it must be stored as sent.
  requireWellFormedText(
    { message: meta.message, reason: meta.emergency?.reason, author: meta.author },
    '',
    'the revision',
  );
  await persistVersions(tx, next.rev, writes);
  return appendRevision(tx, next, meta, clock, writes);
}
