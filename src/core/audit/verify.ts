import type { CmdbReader } from '../ports/cmdb-store.port.js';
import { computeRevisionHash } from '../revision/revision-hash.js';

export interface VerifyResult {
  ok: boolean;
  revisions: number;
  /** The first revision whose recomputed hash or link does not match, and why. */
  firstBad?: { rev: number; reason: string };
}

/**
 * Recomputes the hash chain from the stored rows: every revision's hash from its header and the
 * version rows it created and ended, and every link to the previous hash. Any row edited,
 * deleted or inserted behind Cairn's back makes some revision's hash disagree.
 */
export async function verifyChain(store: CmdbReader, onProgress?: (rev: number, total: number) => void): Promise<VerifyResult> {
  const head = await store.head();
  const total = head?.rev ?? 0;
  let prevHash: string | null = null;
  for (let rev = 1; rev <= total; rev++) {
    const r = await store.getRevision(rev);
    if (!r) return { ok: false, revisions: total, firstBad: { rev, reason: 'the revision is missing (deleted?)' } };
    if (r.prevHash !== prevHash) return { ok: false, revisions: total, firstBad: { rev, reason: 'its link to the previous revision does not match' } };
    if (r.parentRev !== (rev === 1 ? null : rev - 1)) return { ok: false, revisions: total, firstBad: { rev, reason: 'its parent revision is wrong' } };
    const writes = await store.revisionWrites(rev);
    const { hash, ...header } = r;
    if (computeRevisionHash(header, writes, true) !== hash) {
      return { ok: false, revisions: total, firstBad: { rev, reason: 'its content does not match its hash (a version row or the revision was changed)' } };
    }
    prevHash = hash;
    onProgress?.(rev, total);
  }
  return { ok: true, revisions: total };
}
