import { approvalContent, chainHash, transitionContent } from '../change/record-chain.js';
import { planHash } from '../change/plan-hash.js';
import { policyContent } from '../change/policy.service.js';
import type { ApprovalRecord, ChangeReader, TransitionRecord } from '../change/change.port.js';
import type { CmdbReader } from '../cmdb/cmdb.port.js';
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
export async function verifyChain(
  store: CmdbReader,
  onProgress?: (rev: number, total: number) => void,
): Promise<VerifyResult> {
  const head = await store.head();
  const total = head?.rev ?? 0;
  let prevHash: string | null = null;
  for (let rev = 1; rev <= total; rev++) {
    const r = await store.getRevision(rev);
    if (!r) return { ok: false, revisions: total, firstBad: { rev, reason: 'the revision is missing (deleted?)' } };
    if (r.prevHash !== prevHash)
      return {
        ok: false,
        revisions: total,
        firstBad: { rev, reason: 'its link to the previous revision does not match' },
      };
    if (r.parentRev !== (rev === 1 ? null : rev - 1))
      return { ok: false, revisions: total, firstBad: { rev, reason: 'its parent revision is wrong' } };
    const writes = await store.revisionWrites(rev);
    const { hash, ...header } = r;
    if (computeRevisionHash(header, writes, true) !== hash) {
      return {
        ok: false,
        revisions: total,
        firstBad: { rev, reason: 'its content does not match its hash (a version row or the revision was changed)' },
      };
    }
    prevHash = hash;
    onProgress?.(rev, total);
  }
  return { ok: true, revisions: total };
}

/** What `verifyChangeRecords` found. */
export interface ChangeVerifyResult {
  ok: boolean;
  approvals: number;
  transitions: number;
  policies: number;
  changes: number;
  /** The first record that does not verify, named for people (`approval record 12`), and why. */
  firstBad?: { record: string; reason: string };
}

const PAGE = 1000;

/**
 * Recomputes the chains of change records: approvals and transitions (each record's hash from its
 * content and the previous record's hash), policy versions likewise, and checks that each change's
 * stored plan still hashes to the plan hash its approvals were given for, and that its state is
 * where its last transition left it.
 */
export async function verifyChangeRecords(reader: ChangeReader): Promise<ChangeVerifyResult> {
  const result: ChangeVerifyResult = { ok: true, approvals: 0, transitions: 0, policies: 0, changes: 0 };
  const fail = (record: string, reason: string): ChangeVerifyResult => ({
    ...result,
    ok: false,
    firstBad: { record, reason },
  });
  const approvals = await verifyRecords<ApprovalRecord>(
    'approval record',
    (after) => reader.approvalRecords(after, PAGE),
    approvalContent,
  );
  result.approvals = approvals.count;
  if (approvals.bad) return fail(approvals.bad.record, approvals.bad.reason);
  const transitions = await verifyRecords<TransitionRecord>(
    'transition record',
    (after) => reader.transitionRecords(after, PAGE),
    transitionContent,
  );
  result.transitions = transitions.count;
  if (transitions.bad) return fail(transitions.bad.record, transitions.bad.reason);
  let prev: string | null = null;
  for (const v of await reader.listPolicyVersions()) {
    result.policies++;
    if (v.prevHash !== prev)
      return fail(`policy version ${v.version}`, 'its link to the previous version does not match');
    if (chainHash(policyContent(v), prev) !== v.hash)
      return fail(`policy version ${v.version}`, 'its content does not match its hash');
    prev = v.hash;
  }
  const lastState = new Map<number, string>();
  for (let after = 0; ;) {
    const page = await reader.transitionRecords(after, PAGE);
    for (const t of page) lastState.set(t.changeId, t.to);
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.seq;
  }
  for (let after = 0; ;) {
    const page = await reader.changeHeaders(after, PAGE);
    for (const c of page) {
      result.changes++;
      const name = `change CHG-${c.id}`;
      if (c.planHash !== c.columnPlanHash || planHash(c.plan) !== c.planHash)
        return fail(name, 'its plan does not match the plan hash its approvals were given for');
      if (c.state !== c.columnState || c.state !== (lastState.get(c.id) ?? 'draft'))
        return fail(name, 'its state is not where its recorded transitions left it');
    }
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.id;
  }
  return result;
}

async function verifyRecords<T extends { seq: number; hash: string; prevHash: string | null }>(
  name: string,
  page: (afterSeq: number) => Promise<T[]>,
  content: (r: T) => unknown,
): Promise<{ count: number; bad?: { record: string; reason: string } }> {
  let prev: string | null = null;
  let expected = 1;
  for (let after = 0; ;) {
    const rows = await page(after);
    for (const r of rows) {
      if (r.seq !== expected)
        return { count: expected - 1, bad: { record: `${name} ${expected}`, reason: 'it is missing (deleted?)' } };
      if (r.prevHash !== prev)
        return {
          count: expected,
          bad: { record: `${name} ${r.seq}`, reason: 'its link to the previous record does not match' },
        };
      if (chainHash(content(r), prev) !== r.hash)
        return {
          count: expected,
          bad: { record: `${name} ${r.seq}`, reason: 'its content does not match its hash (the record was changed)' },
        };
      prev = r.hash;
      expected++;
    }
    if (rows.length < PAGE) return { count: expected - 1 };
    after = rows[rows.length - 1]!.seq;
  }
}
