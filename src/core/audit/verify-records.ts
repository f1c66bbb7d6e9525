import { approvalContent, approvalsFromRecords, chainHash, transitionContent } from '../change/record-chain.js';
import { planHash } from '../change/plan-hash.js';
import { policyContent } from '../change/policy.service.js';
import { environmentsContent } from '../change/environment.service.js';
import type { ApprovalRecord, ChangeHeader, ChangeReader, TransitionRecord } from '../change/change.port.js';
import { ProblemList, type AuditProblem } from './problems.js';

/** What `verifyChangeRecords` found. */
export interface ChangeVerifyResult {
  ok: boolean;
  approvals: number;
  transitions: number;
  policies: number;
  environments: number;
  changes: number;
  /** The first record that does not verify, named for people (`approval record 12`), and why. */
  firstBad?: AuditProblem;
  /** Every problem found (up to MAX_PROBLEMS), when there are any. */
  problems?: AuditProblem[];
  problemCount?: number;
}

const PAGE = 1000;
const CONTENT = 'its content does not match its hash (the record was changed)';

/**
 * Recomputes the chains of change records: approvals and transitions (each record's hash from its
 * content and the previous record's hash), policy and environments versions likewise, each chain's
 * length against the count kept beside it (so that deleting the newest record shows); then checks
 * each change: its stored plan still hashes to its plan hash, every decision still standing was given for that
 * hash, its state is where its last transition left it, and the revision it implemented exists
 * (`head`, when given). Every problem is reported, not only the first.
 */
export async function verifyChangeRecords(
  reader: ChangeReader,
  options: { head?: number } = {},
): Promise<ChangeVerifyResult> {
  const problems = new ProblemList();
  const counted = await reader.recordCounts();
  const approvalsOf = new Map<number, ApprovalRecord[]>();
  const lastState = new Map<number, string>();
  const approvals = await verifyRecords<ApprovalRecord>(
    'approval record',
    (after) => reader.approvalRecords(after, PAGE),
    approvalContent,
    problems,
    (r) => {
      const list = approvalsOf.get(r.changeId);
      if (list) list.push(r);
      else approvalsOf.set(r.changeId, [r]);
    },
  );
  checkCount('approval record', approvals.last, counted.approvals, problems);
  const transitions = await verifyRecords<TransitionRecord>(
    'transition record',
    (after) => reader.transitionRecords(after, PAGE),
    transitionContent,
    problems,
    (t) => lastState.set(t.changeId, t.to),
  );
  checkCount('transition record', transitions.last, counted.transitions, problems);
  const policies = verifyVersions('policy version', await reader.listPolicyVersions(), policyContent, problems);
  checkCount('policy version', policies.last, counted.policies, problems);
  const environments = verifyVersions(
    'environments version',
    await reader.listEnvironmentVersions(),
    environmentsContent,
    problems,
  );
  checkCount('environments version', environments.last, counted.environments, problems);

  const seen = new Set<number>();
  for (let after = 0; ;) {
    const page = await reader.changeHeaders(after, PAGE);
    for (const c of page) {
      seen.add(c.id);
      checkChange(c, approvalsOf.get(c.id) ?? [], lastState.get(c.id) ?? 'draft', options.head, problems);
    }
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.id;
  }
  for (const [id, records] of approvalsOf)
    if (!seen.has(id)) problems.add(`approval record ${records[0]!.seq}`, `it is for CHG-${id}, which does not exist`);
  for (const id of lastState.keys())
    if (!seen.has(id)) problems.add(`transitions of CHG-${id}`, 'they are for a change that does not exist');

  const result = {
    ok: problems.count === 0,
    approvals: approvals.count,
    transitions: transitions.count,
    policies: policies.count,
    environments: environments.count,
    changes: seen.size,
  };
  if (result.ok) return result;
  return { ...result, firstBad: problems.items[0]!, problems: problems.items, problemCount: problems.count };
}

function checkChange(
  c: ChangeHeader,
  records: ApprovalRecord[],
  lastState: string,
  head: number | undefined,
  problems: ProblemList,
): void {
  const name = `change CHG-${c.id}`;
  if (c.planHash !== c.columnPlanHash || planHash(c.plan) !== c.planHash) {
    problems.add(name, 'its plan does not match the plan hash its approvals were given for');
  } else {
    const stale = approvalsFromRecords(records).filter((a) => a.voided !== true && a.planHash !== c.planHash);
    if (stale.length > 0)
      problems.add(
        name,
        `its plan is not the one its decisions were given for: ${[...new Set(stale.map((a) => a.by))].join(', ')} decided on plan hash ${stale[0]!.planHash.slice(0, 12)}…, the stored plan hashes to ${c.planHash.slice(0, 12)}… (plan and hash replaced?)`,
      );
  }
  if (c.state !== c.columnState || c.state !== lastState)
    problems.add(name, 'its state is not where its recorded transitions left it');
  if (head !== undefined && c.implementedRevision !== null && c.implementedRevision > head)
    problems.add(
      name,
      `it was implemented in revision ${c.implementedRevision}, beyond the newest revision ${head} (the newest revision deleted?)`,
    );
}

/** A chain's length against its count: the newest records deleted, or records appended behind Cairn's back. */
function checkCount(name: string, last: number, counted: number | undefined, problems: ProblemList): void {
  if (counted === undefined) {
    if (last > 0) problems.add(`${name}s`, `their count is missing from the counters table (deleted?)`);
  } else if (counted > last) {
    problems.add(`${name} ${last + 1}`, `it is missing (deleted?): ${counted} were written, the chain ends at ${last}`);
  } else if (counted < last) {
    problems.add(`${name} ${counted + 1}`, `only ${counted} were written: this one and any after it were inserted`);
  }
}

/** A chain of applied versions (the policy's, the environments'): numbered from 1, each linked to the one before. */
function verifyVersions<V extends { version: number; hash: string; prevHash: string | null }>(
  what: string,
  versions: readonly V[],
  content: (v: V) => unknown,
  problems: ProblemList,
): { count: number; last: number } {
  let prev: string | null | undefined = null;
  let expected = 1;
  let count = 0;
  for (const v of versions) {
    count++;
    const name = `${what} ${v.version}`;
    if (v.version !== expected) {
      problems.add(`${what} ${expected}`, 'it is missing (deleted?)');
      prev = undefined;
    }
    if (prev !== undefined && v.prevHash !== prev)
      problems.add(name, 'its link to the previous version does not match');
    if (chainHash(content(v), prev === undefined ? v.prevHash : prev) !== v.hash)
      problems.add(name, 'its content does not match its hash');
    prev = v.hash;
    expected = v.version + 1;
  }
  return { count, last: expected - 1 };
}

async function verifyRecords<T extends { seq: number; hash: string; prevHash: string | null }>(
  name: string,
  page: (afterSeq: number) => Promise<T[]>,
  content: (r: T) => unknown,
  problems: ProblemList,
  each: (r: T) => void,
): Promise<{ count: number; last: number }> {
  // undefined: the previous record is missing, so this one's link cannot be checked.
  let prev: string | null | undefined = null;
  let expected = 1;
  let count = 0;
  for (let after = 0; ;) {
    const rows = await page(after);
    for (const r of rows) {
      count++;
      if (r.seq !== expected) {
        const gap = r.seq - expected === 1 ? `${expected}` : `${expected} to ${r.seq - 1}`;
        problems.add(`${name} ${gap}`, `${r.seq - expected === 1 ? 'it is' : 'they are'} missing (deleted?)`);
        prev = undefined;
      }
      if (prev !== undefined && r.prevHash !== prev)
        problems.add(`${name} ${r.seq}`, 'its link to the previous record does not match');
      // Against the previous record's hash when known: an edited link is then reported once, as a link.
      if (chainHash(content(r), prev === undefined ? r.prevHash : prev) !== r.hash)
        problems.add(`${name} ${r.seq}`, CONTENT);
      each(r);
      prev = r.hash;
      expected = r.seq + 1;
    }
    if (rows.length < PAGE) return { count, last: expected - 1 };
    after = rows[rows.length - 1]!.seq;
  }
}
