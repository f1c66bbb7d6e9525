import type { CmdbReader, StrayVersion } from '../cmdb/cmdb.port.js';
import { computeRevisionHash } from '../revision/revision-hash.js';
import { MAX_PROBLEMS, ProblemList, type AuditProblem } from './problems.js';

export interface VerifyResult {
  ok: boolean;
  revisions: number;
  /** The first problem, as a revision number (for a stray version row, the number it claims) and why. */
  firstBad?: { rev: number; reason: string };
  /** Every problem found (up to MAX_PROBLEMS), when there are any. */
  problems?: AuditProblem[];
  problemCount?: number;
}

const CONTENT = 'its content does not match its hash (a version row or the revision was changed)';

/**
 * Recomputes the hash chain from the stored rows: every revision's hash from its header and the
 * version rows it created and ended, and every link to the previous hash. Any row edited,
 * deleted or inserted behind Cairn's back makes some revision's hash disagree. Then looks for
 * version rows that no revision accounts for (a `rev_from` or `rev_to` outside 1..head), which the
 * chain alone cannot see: a forged CI, a CI hidden by a `rev_to` beyond head, or the rows of a
 * deleted newest revision. Every problem is reported, not only the first.
 */
export async function verifyChain(
  store: CmdbReader,
  onProgress?: (rev: number, total: number) => void,
): Promise<VerifyResult> {
  const total = (await store.head())?.rev ?? 0;
  const problems = new ProblemList();
  let firstBad: VerifyResult['firstBad'];
  const bad = (rev: number, reason: string, record = `revision ${rev}`) => {
    problems.add(record, reason);
    firstBad ??= { rev, reason: record === `revision ${rev}` ? reason : `${record}: ${reason}` };
  };
  // undefined: the previous revision is missing, so this one's link cannot be checked.
  let prevHash: string | null | undefined = null;
  for (let rev = 1; rev <= total; rev++) {
    const r = await store.getRevision(rev);
    if (!r) {
      bad(rev, 'the revision is missing (deleted?)');
      prevHash = undefined;
      continue;
    }
    const before = problems.count;
    if (prevHash !== undefined && r.prevHash !== prevHash) bad(rev, 'its link to the previous revision does not match');
    if (r.parentRev !== (rev === 1 ? null : rev - 1)) bad(rev, 'its parent revision is wrong');
    const { hash, ...header } = r;
    if (computeRevisionHash(header, await store.revisionWrites(rev), true) !== hash) bad(rev, CONTENT);
    // Later links are checked against the stored hash, so one edited revision is reported once.
    prevHash = hash;
    if (problems.count === before) onProgress?.(rev, total);
  }
  for (const s of await store.versionsOutsideChain(total, MAX_PROBLEMS)) {
    const claimed = s.revFrom < 1 || s.revFrom > total ? s.revFrom : (s.revTo ?? s.revFrom);
    bad(Math.max(claimed, 0), strayReason(s, total), `${s.table === 'ci' ? 'CI' : s.table} version ${s.key}`);
  }
  if (problems.count === 0) return { ok: true, revisions: total };
  return { ok: false, revisions: total, firstBad, problems: problems.items, problemCount: problems.count };
}

function strayReason(s: StrayVersion, head: number): string {
  if (s.revFrom < 1) return `its rev_from ${s.revFrom} is not a revision: no revision wrote this row (forged?)`;
  if (s.revFrom > head)
    return `its rev_from ${s.revFrom} is beyond the newest revision ${head}: no revision wrote this row (forged, or the newest revision deleted?)`;
  if (s.revTo !== null && s.revTo <= s.revFrom) return `its rev_to ${s.revTo} is not after its rev_from ${s.revFrom}`;
  return `its rev_to ${s.revTo} is beyond the newest revision ${head}: no revision ended this version (edited, or the newest revision deleted?)`;
}
