import { describe, expect, it } from 'vitest';
import type { CiVersion } from '../ci/ci.types.js';
import { contentHash } from '../shared/canonical.js';
import { ciContent } from '../ci/ci.types.js';
import type {
  ApprovalRecord,
  ChangeHeader,
  ChangeReader,
  PolicyVersion,
  TransitionRecord,
} from '../change/change.port.js';
import { approvalContent, chain, chainHash, transitionContent } from '../change/record-chain.js';
import { planHash } from '../change/plan-hash.js';
import { policyContent } from '../change/policy.service.js';
import type { CmdbReader } from '../cmdb/cmdb.port.js';
import { computeRevisionHash } from '../revision/revision-hash.js';
import type { Revision, RevisionWrites } from '../revision/revision.types.js';
import { verifyChain, verifyChangeRecords } from './verify.js';

const none = (): RevisionWrites => ({
  createdCis: [],
  endedCis: [],
  createdRelations: [],
  endedRelations: [],
  createdModel: [],
  endedModel: [],
});

function ci(id: string, cpu: number, revFrom: number): CiVersion {
  const v: CiVersion = {
    id,
    class: 'server',
    name: id,
    status: 'active',
    attributes: { cpu },
    labels: {},
    source: null,
    revFrom,
    revTo: null,
    hash: '',
    attributeSources: {},
  };
  return { ...v, hash: contentHash(ciContent(v)) };
}

/** A CMDB of `n` revisions, each writing one CI, correctly chained; tests then tamper with it. */
function history(n: number): { revisions: (Revision | undefined)[]; writes: RevisionWrites[] } {
  const revisions: Revision[] = [];
  const writes: RevisionWrites[] = [];
  let prevHash: string | null = null;
  for (let rev = 1; rev <= n; rev++) {
    const w = { ...none(), createdCis: [ci(`ci_${rev}`, rev, rev)] };
    const header = {
      rev,
      parentRev: rev === 1 ? null : rev - 1,
      at: `2026-11-20T10:00:0${rev}.000Z`,
      author: 'alice',
      message: `rev ${rev}`,
      source: 'cli',
      changeId: null,
      prevHash,
    };
    const hash = computeRevisionHash(header, w, true);
    revisions.push({ ...header, hash });
    writes.push(w);
    prevHash = hash;
  }
  return { revisions, writes };
}

function store(
  h: { revisions: (Revision | undefined)[]; writes: RevisionWrites[] },
  headRev = h.revisions.length,
): CmdbReader {
  const reader: Pick<CmdbReader, 'head' | 'getRevision' | 'revisionWrites'> = {
    head: async () => (headRev === 0 ? undefined : ({ rev: headRev } as Revision)),
    getRevision: async (rev) => h.revisions[rev - 1],
    revisionWrites: async (rev) => h.writes[rev - 1] ?? none(),
  };
  return reader as CmdbReader;
}

// [what was done to a 4-revision history, the first bad revision and why (undefined: verifies)]
const TAMPERING: [string, (h: ReturnType<typeof history>) => void, { rev: number; reason: string } | undefined][] = [
  ['nothing', () => {}, undefined],
  ['revision 2 deleted', (h) => (h.revisions[1] = undefined), { rev: 2, reason: 'the revision is missing (deleted?)' }],
  [
    'revision 3’s author edited',
    (h) => (h.revisions[2] = { ...h.revisions[2]!, author: 'mallory' }),
    { rev: 3, reason: 'its content does not match its hash (a version row or the revision was changed)' },
  ],
  [
    'revision 2’s hash replaced',
    (h) => (h.revisions[1] = { ...h.revisions[1]!, hash: 'f'.repeat(64) }),
    { rev: 2, reason: 'its content does not match its hash (a version row or the revision was changed)' },
  ],
  [
    'revision 4’s link edited',
    (h) => (h.revisions[3] = { ...h.revisions[3]!, prevHash: 'x' }),
    { rev: 4, reason: 'its link to the previous revision does not match' },
  ],
  [
    'revision 1 given a link',
    (h) => (h.revisions[0] = { ...h.revisions[0]!, prevHash: 'x' }),
    { rev: 1, reason: 'its link to the previous revision does not match' },
  ],
  [
    'revision 3’s parent edited',
    (h) => (h.revisions[2] = { ...h.revisions[2]!, parentRev: 1 }),
    { rev: 3, reason: 'its parent revision is wrong' },
  ],
  [
    'a CI row of revision 2 edited behind its hash',
    (h) => (h.writes[1]!.createdCis[0]!.attributes = { cpu: 99 }),
    { rev: 2, reason: 'its content does not match its hash (a version row or the revision was changed)' },
  ],
  [
    'a CI row of revision 4 deleted',
    (h) => (h.writes[3]!.createdCis = []),
    { rev: 4, reason: 'its content does not match its hash (a version row or the revision was changed)' },
  ],
  [
    'a CI row inserted in revision 1',
    (h) => h.writes[0]!.createdCis.push(ci('ci_x', 1, 1)),
    { rev: 1, reason: 'its content does not match its hash (a version row or the revision was changed)' },
  ],
];

describe('verifyChain', () => {
  it.each(TAMPERING)('%s', async (_label, tamper, firstBad) => {
    const h = history(4);
    tamper(h);
    const result = await verifyChain(store(h));
    expect(result).toEqual(firstBad ? { ok: false, revisions: 4, firstBad } : { ok: true, revisions: 4 });
  });

  it('verifies an empty CMDB', async () => {
    expect(await verifyChain(store({ revisions: [], writes: [] }))).toEqual({ ok: true, revisions: 0 });
  });

  it('reports progress after each good revision', async () => {
    const seen: [number, number][] = [];
    const h = history(3);
    h.revisions[2] = { ...h.revisions[2]!, message: 'edited' };
    await verifyChain(store(h), (rev, total) => seen.push([rev, total]));
    expect(seen).toEqual([
      [1, 3],
      [2, 3],
    ]);
  });
});

const AT = '2026-11-20T10:00:00.000Z';
const PLAN = { cis: [{ class: 'server', name: 'web' }], relations: [] };

interface Records {
  approvals: ApprovalRecord[];
  transitions: TransitionRecord[];
  policies: PolicyVersion[];
  headers: ChangeHeader[];
}

/** Two changes: CHG-1 authorized after one approval, CHG-2 still a draft with no transitions. */
function records(): Records {
  const approvals = chain<ApprovalRecord>(
    undefined,
    [
      {
        changeId: 1,
        kind: 'approve',
        by: 'bob',
        group: 'cab',
        comment: null,
        at: AT,
        planHash: planHash(PLAN),
        target: null,
      },
    ],
    approvalContent,
  );
  const transitions = chain<TransitionRecord>(
    undefined,
    [
      { changeId: 1, from: 'draft', to: 'submitted', event: 'submit', by: 'alice', at: AT, comment: null },
      { changeId: 1, from: 'submitted', to: 'authorized', event: 'authorize', by: 'bob', at: AT, comment: null },
    ],
    transitionContent,
  );
  const policies: PolicyVersion[] = [];
  let prev: string | null = null;
  for (const version of [1, 2]) {
    const v = { version, policy: { rules: [] } as never, appliedAt: AT, appliedBy: 'admin' };
    const hash = chainHash(policyContent(v), prev);
    policies.push({ ...v, hash, prevHash: prev });
    prev = hash;
  }
  const headers: ChangeHeader[] = [
    {
      id: 1,
      state: 'authorized',
      columnState: 'authorized',
      planHash: planHash(PLAN),
      columnPlanHash: planHash(PLAN),
      plan: PLAN,
    },
    {
      id: 2,
      state: 'draft',
      columnState: 'draft',
      planHash: planHash({ cis: [], relations: [] }),
      columnPlanHash: planHash({ cis: [], relations: [] }),
      plan: { cis: [], relations: [] },
    },
  ];
  return { approvals, transitions, policies, headers };
}

function reader(r: Records): ChangeReader {
  const page =
    <T>(rows: T[], key: (x: T) => number) =>
    async (after: number, limit: number) =>
      rows.filter((x) => key(x) > after).slice(0, limit);
  const fake: Pick<ChangeReader, 'approvalRecords' | 'transitionRecords' | 'listPolicyVersions' | 'changeHeaders'> = {
    approvalRecords: page(r.approvals, (x) => x.seq),
    transitionRecords: page(r.transitions, (x) => x.seq),
    listPolicyVersions: async () => r.policies,
    changeHeaders: page(r.headers, (x) => x.id),
  };
  return fake as ChangeReader;
}

const COUNTS = { approvals: 1, transitions: 2, policies: 2, changes: 2 };

// [what was done, the result expected besides ok/counts]
const CHANGE_TAMPERING: [
  string,
  (r: Records) => void,
  Partial<{ approvals: number; transitions: number; policies: number; changes: number }>,
  { record: string; reason: string } | undefined,
][] = [
  ['nothing', () => {}, {}, undefined],
  [
    'an approval’s approver edited',
    (r) => (r.approvals[0] = { ...r.approvals[0]!, by: 'mallory' }),
    { transitions: 0, policies: 0, changes: 0 },
    { record: 'approval record 1', reason: 'its content does not match its hash (the record was changed)' },
  ],
  [
    'an approval’s link edited',
    (r) => (r.approvals[0] = { ...r.approvals[0]!, prevHash: 'x' }),
    { transitions: 0, policies: 0, changes: 0 },
    { record: 'approval record 1', reason: 'its link to the previous record does not match' },
  ],
  [
    'the first transition deleted',
    (r) => r.transitions.shift(),
    { transitions: 0, policies: 0, changes: 0 },
    { record: 'transition record 1', reason: 'it is missing (deleted?)' },
  ],
  [
    'the second transition’s target edited',
    (r) => (r.transitions[1] = { ...r.transitions[1]!, to: 'scheduled' }),
    { transitions: 2, policies: 0, changes: 0 },
    { record: 'transition record 2', reason: 'its content does not match its hash (the record was changed)' },
  ],
  [
    'a policy version’s author edited',
    (r) => (r.policies[1] = { ...r.policies[1]!, appliedBy: 'mallory' }),
    { changes: 0 },
    { record: 'policy version 2', reason: 'its content does not match its hash' },
  ],
  [
    'a policy version’s link edited',
    (r) => (r.policies[0] = { ...r.policies[0]!, prevHash: 'x' }),
    { policies: 1, changes: 0 },
    { record: 'policy version 1', reason: 'its link to the previous version does not match' },
  ],
  [
    'a change’s plan edited',
    (r) => (r.headers[0] = { ...r.headers[0]!, plan: { cis: [{ class: 'server', name: 'db' }], relations: [] } }),
    { changes: 1 },
    { record: 'change CHG-1', reason: 'its plan does not match the plan hash its approvals were given for' },
  ],
  [
    'a change’s plan hash column edited',
    (r) => (r.headers[0] = { ...r.headers[0]!, columnPlanHash: 'x' }),
    { changes: 1 },
    { record: 'change CHG-1', reason: 'its plan does not match the plan hash its approvals were given for' },
  ],
  [
    'a change’s state column edited',
    (r) => (r.headers[0] = { ...r.headers[0]!, columnState: 'closed' }),
    { changes: 1 },
    { record: 'change CHG-1', reason: 'its state is not where its recorded transitions left it' },
  ],
  [
    'a change’s state moved past its transitions',
    (r) => (r.headers[0] = { ...r.headers[0]!, state: 'closed', columnState: 'closed' }),
    { changes: 1 },
    { record: 'change CHG-1', reason: 'its state is not where its recorded transitions left it' },
  ],
  [
    'a change without transitions that is not a draft',
    (r) => (r.headers[1] = { ...r.headers[1]!, state: 'submitted', columnState: 'submitted' }),
    { changes: 2 },
    { record: 'change CHG-2', reason: 'its state is not where its recorded transitions left it' },
  ],
];

describe('verifyChangeRecords', () => {
  it.each(CHANGE_TAMPERING)('%s', async (_label, tamper, counts, firstBad) => {
    const r = records();
    tamper(r);
    const result = await verifyChangeRecords(reader(r));
    expect(result).toEqual({ ok: firstBad === undefined, ...COUNTS, ...counts, ...(firstBad ? { firstBad } : {}) });
  });

  it('verifies empty records', async () => {
    expect(await verifyChangeRecords(reader({ approvals: [], transitions: [], policies: [], headers: [] }))).toEqual({
      ok: true,
      approvals: 0,
      transitions: 0,
      policies: 0,
      changes: 0,
    });
  });
});
