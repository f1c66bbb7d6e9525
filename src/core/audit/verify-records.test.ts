import { describe, expect, it } from 'vitest';
import type {
  ApprovalRecord,
  ChangeHeader,
  ChangeReader,
  PolicyVersion,
  RecordCounts,
  TransitionRecord,
} from '../change/change.port.js';
import { approvalContent, chain, chainHash, transitionContent } from '../change/record-chain.js';
import { planHash } from '../change/plan-hash.js';
import { policyContent } from '../change/policy.service.js';
import { verifyChangeRecords } from './verify-records.js';

const AT = '2026-11-20T10:00:00.000Z';
const PLAN = { cis: [{ class: 'server', name: 'web' }], relations: [] };
const OTHER_PLAN = { cis: [{ class: 'server', name: 'db' }], relations: [] };

interface Records {
  approvals: ApprovalRecord[];
  transitions: TransitionRecord[];
  policies: PolicyVersion[];
  headers: ChangeHeader[];
  counts: RecordCounts;
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
  const header = (id: number, state: string, plan: typeof PLAN | { cis: never[]; relations: never[] }) => ({
    id,
    state,
    columnState: state,
    planHash: planHash(plan),
    columnPlanHash: planHash(plan),
    plan,
    implementedRevision: null,
  });
  const headers: ChangeHeader[] = [header(1, 'authorized', PLAN), header(2, 'draft', { cis: [], relations: [] })];
  return { approvals, transitions, policies, headers, counts: { approvals: 1, transitions: 2, policies: 2 } };
}

function reader(r: Records): ChangeReader {
  const page =
    <T>(rows: T[], key: (x: T) => number) =>
    async (after: number, limit: number) =>
      rows.filter((x) => key(x) > after).slice(0, limit);
  const fake: Pick<
    ChangeReader,
    | 'approvalRecords'
    | 'transitionRecords'
    | 'listPolicyVersions'
    | 'listEnvironmentVersions'
    | 'changeHeaders'
    | 'recordCounts'
  > = {
    approvalRecords: page(r.approvals, (x) => x.seq),
    transitionRecords: page(r.transitions, (x) => x.seq),
    listPolicyVersions: async () => r.policies,
    // Environments versions are chained by the same code as policy versions (verifyVersions):
    // test/conformance/environments.conformance.test.ts tampers with them on both engines.
    listEnvironmentVersions: async () => [],
    changeHeaders: page(r.headers, (x) => x.id),
    recordCounts: async () => r.counts,
  };
  return fake as ChangeReader;
}

const COUNTS = { approvals: 1, transitions: 2, policies: 2, environments: 0, changes: 2 };
const PLAN_MISMATCH = 'its plan does not match the plan hash its approvals were given for';
const STATE = 'its state is not where its recorded transitions left it';

// [what was done, counts that differ from COUNTS, every problem expected ([]: verifies)]
const CHANGE_TAMPERING: [string, (r: Records) => void, Partial<typeof COUNTS>, [string, string | RegExp][]][] = [
  ['nothing', () => {}, {}, []],
  [
    'an approval’s approver edited',
    (r) => (r.approvals[0] = { ...r.approvals[0]!, by: 'mallory' }),
    {},
    [['approval record 1', 'its content does not match its hash (the record was changed)']],
  ],
  [
    'an approval’s link edited',
    (r) => (r.approvals[0] = { ...r.approvals[0]!, prevHash: 'x' }),
    {},
    [['approval record 1', 'its link to the previous record does not match']],
  ],
  [
    'the first transition deleted',
    (r) => r.transitions.shift(),
    { transitions: 1 },
    [['transition record 1', 'it is missing (deleted?)']],
  ],
  [
    'the last approval deleted',
    (r) => r.approvals.pop(),
    { approvals: 0 },
    [['approval record 1', 'it is missing (deleted?): 1 were written, the chain ends at 0']],
  ],
  [
    'the last transition deleted',
    (r) => r.transitions.pop(),
    { transitions: 1 },
    [
      ['transition record 2', 'it is missing (deleted?): 2 were written, the chain ends at 1'],
      ['change CHG-1', STATE],
    ],
  ],
  [
    'the last policy version deleted',
    (r) => r.policies.pop(),
    { policies: 1 },
    [['policy version 2', 'it is missing (deleted?): 2 were written, the chain ends at 1']],
  ],
  [
    'a record count deleted',
    (r) => delete r.counts.policies,
    {},
    [['policy versions', 'their count is missing from the counters table (deleted?)']],
  ],
  [
    'an approval appended past the count',
    (r) =>
      r.approvals.push(
        ...chain<ApprovalRecord>(r.approvals[0], [{ ...r.approvals[0]!, by: 'mallory' }], approvalContent),
      ),
    { approvals: 2 },
    [['approval record 2', 'only 1 were written: this one and any after it were inserted']],
  ],
  [
    'the second transition’s target edited',
    (r) => (r.transitions[1] = { ...r.transitions[1]!, to: 'scheduled' }),
    {},
    [
      ['transition record 2', 'its content does not match its hash (the record was changed)'],
      ['change CHG-1', STATE],
    ],
  ],
  [
    'a policy version’s author edited',
    (r) => (r.policies[1] = { ...r.policies[1]!, appliedBy: 'mallory' }),
    {},
    [['policy version 2', 'its content does not match its hash']],
  ],
  [
    'a policy version’s link edited',
    (r) => (r.policies[0] = { ...r.policies[0]!, prevHash: 'x' }),
    {},
    [['policy version 1', 'its link to the previous version does not match']],
  ],
  [
    'a change’s plan edited',
    (r) => (r.headers[0] = { ...r.headers[0]!, plan: OTHER_PLAN }),
    {},
    [['change CHG-1', PLAN_MISMATCH]],
  ],
  [
    'a change’s plan swapped together with its plan hash',
    (r) =>
      (r.headers[0] = {
        ...r.headers[0]!,
        plan: OTHER_PLAN,
        planHash: planHash(OTHER_PLAN),
        columnPlanHash: planHash(OTHER_PLAN),
      }),
    {},
    [['change CHG-1', /^its plan is not the one its decisions were given for: bob decided on plan hash/]],
  ],
  [
    'a change’s plan hash column edited',
    (r) => (r.headers[0] = { ...r.headers[0]!, columnPlanHash: 'x' }),
    {},
    [['change CHG-1', PLAN_MISMATCH]],
  ],
  [
    'a change’s state column edited',
    (r) => (r.headers[0] = { ...r.headers[0]!, columnState: 'closed' }),
    {},
    [['change CHG-1', STATE]],
  ],
  [
    'a change without transitions that is not a draft',
    (r) => (r.headers[1] = { ...r.headers[1]!, state: 'submitted', columnState: 'submitted' }),
    {},
    [['change CHG-2', STATE]],
  ],
  [
    'a change deleted',
    (r) => r.headers.shift(),
    { changes: 1 },
    [
      ['approval record 1', 'it is for CHG-1, which does not exist'],
      ['transitions of CHG-1', 'they are for a change that does not exist'],
    ],
  ],
  [
    'two tampers at once: both reported',
    (r) => {
      r.policies.pop();
      r.headers[1] = { ...r.headers[1]!, columnPlanHash: 'x' };
    },
    { policies: 1 },
    [
      ['policy version 2', 'it is missing (deleted?): 2 were written, the chain ends at 1'],
      ['change CHG-2', PLAN_MISMATCH],
    ],
  ],
];

describe('verifyChangeRecords', () => {
  it.each(CHANGE_TAMPERING)('%s', async (_label, tamper, counts, expected) => {
    const r = records();
    tamper(r);
    const result = await verifyChangeRecords(reader(r));
    expect(result).toMatchObject({ ok: expected.length === 0, ...COUNTS, ...counts });
    expect((result.problems ?? []).map((p) => [p.record, p.reason])).toEqual(
      expected.map(([record, reason]): [string, unknown] => [
        record,
        typeof reason === 'string' ? reason : expect.stringMatching(reason),
      ]),
    );
    if (expected.length > 0) expect(result.firstBad).toEqual(result.problems![0]);
  });

  it('names a change implemented in a revision beyond head', async () => {
    const r = records();
    r.headers[0] = { ...r.headers[0]!, implementedRevision: 9 };
    expect((await verifyChangeRecords(reader(r), { head: 8 })).problems).toEqual([
      {
        record: 'change CHG-1',
        reason: 'it was implemented in revision 9, beyond the newest revision 8 (the newest revision deleted?)',
      },
    ]);
    expect((await verifyChangeRecords(reader(r), { head: 9 })).ok).toBe(true);
  });

  it('verifies empty records', async () => {
    expect(
      await verifyChangeRecords(reader({ approvals: [], transitions: [], policies: [], headers: [], counts: {} })),
    ).toEqual({ ok: true, approvals: 0, transitions: 0, policies: 0, environments: 0, changes: 0 });
  });
});
