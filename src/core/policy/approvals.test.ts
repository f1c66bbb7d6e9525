import { describe, expect, it } from 'vitest';
import type { Approval, ApprovalSubject } from './approvals.js';
import { NotAllowedError } from '../shared/errors.js';
import {
  canApprove,
  evaluateApprovals,
  requiredApprovals,
  type ChangeFacts,
  type RequiredApproval,
} from './approvals.js';
import { validatePolicy } from './policy-input.js';

const policy = validatePolicy({
  groups: [
    { name: 'cab', members: ['carol', 'dave', 'frank', 'erin'] },
    { name: 'change-managers', members: ['erin', 'gina'] },
    { name: 'dba', members: ['hank', 'carol'] },
    { name: 'eca', members: ['ivan'] },
  ],
  cab: { group: 'cab', quorum: 2 },
  emergency: { group: 'eca', quorum: 1 },
  rules: [
    { name: 'normal', match: { type: 'normal' }, require: [{ group: 'change-managers', quorum: 1 }] },
    { name: 'risky', match: { type: 'normal', risk: ['high', 'very-high'] }, cab: true },
    {
      name: 'databases',
      match: { class: 'database', environment: 'production' },
      require: [{ group: 'dba', quorum: 1 }],
    },
    { name: 'gold', match: { labels: { tier: 'gold' } }, require: [{ group: 'change-managers', quorum: 2 }] },
    { name: 'hardware', match: { type: 'normal', class: 'hardware' }, require: [{ group: 'dba', quorum: 1 }] },
  ],
});

const ci = (c: string, environment?: string, labels?: Record<string, string>, ancestors?: string[]) => ({
  class: c,
  environment,
  labels,
  ancestors,
});

describe('requiredApprovals', () => {
  it.each<[string, ChangeFacts, string[]]>([
    ['standard changes need none', { type: 'standard', cis: [ci('database', 'production')] }, []],
    [
      'emergency changes need the emergency approvers only',
      { type: 'emergency', risk: 'very-high', cis: [ci('database', 'production')] },
      ['eca×1 (emergency changes need the emergency approvers)'],
    ],
    [
      'a low-risk normal change',
      { type: 'normal', risk: 'low', cis: [ci('server', 'test')] },
      ['change-managers×1 (rule "normal")'],
    ],
    [
      'a high-risk one adds the CAB',
      { type: 'normal', risk: 'high', cis: [ci('server', 'test')] },
      ['change-managers×1 (rule "normal")', 'cab×2 (rule "risky")'],
    ],
    [
      'class and environment must hold on one CI',
      { type: 'normal', risk: 'low', cis: [ci('database', 'production')] },
      ['change-managers×1 (rule "normal")', 'dba×1 (rule "databases")'],
    ],
    [
      'environment is case-insensitive',
      { type: 'normal', risk: 'low', cis: [ci('database', 'Production')] },
      ['change-managers×1 (rule "normal")', 'dba×1 (rule "databases")'],
    ],
    [
      'labels raise the quorum of a group',
      { type: 'normal', risk: 'low', cis: [ci('server', 'test', { tier: 'gold' })] },
      ['change-managers×2 (rule "normal", rule "gold")'],
    ],
    [
      'ancestors match a class rule',
      { type: 'normal', risk: 'low', cis: [ci('server', 'test', {}, ['hardware'])] },
      ['change-managers×1 (rule "normal")', 'dba×1 (rule "hardware")'],
    ],
    [
      'risk unknown matches no risk rule',
      { type: 'normal', cis: [ci('server')] },
      ['change-managers×1 (rule "normal")'],
    ],
  ])('%s', (_n, facts, expected) => {
    expect(requiredApprovals(policy, facts).map((r) => `${r.group}×${r.quorum} (${r.because.join(', ')})`)).toEqual(
      expected,
    );
  });

  it('sends a change that no rule matches to the CAB', () => {
    const bare = validatePolicy({ groups: [{ name: 'cab', members: ['a'] }] });
    expect(requiredApprovals(bare, { type: 'emergency', cis: [] })).toEqual([
      { group: 'cab', quorum: 1, because: ['no policy rule matched this change, so the CAB decides'] },
    ]);
  });
});

const HASH = 'h1';
const change: ApprovalSubject = {
  ref: 'CHG-3',
  type: 'normal',
  state: 'submitted',
  requester: 'alice',
  assignee: 'bob',
  approvals: [],
  planHash: HASH,
};
const required: RequiredApproval[] = [
  { group: 'cab', quorum: 2, because: [] },
  { group: 'change-managers', quorum: 1, because: [] },
];
let t = 0;
const ap = (by: string, group: string, extra: Partial<Approval> = {}): Approval => ({
  by,
  group,
  decision: 'approve',
  at: `2026-11-20T10:00:${String(t++ % 60).padStart(2, '0')}.000Z`,
  planHash: HASH,
  ...extra,
});

describe('evaluateApprovals', () => {
  it.each<[string, Approval[], { satisfied: boolean; rejected: boolean; counts: string; ignored: string[] }]>([
    ['nothing yet', [], { satisfied: false, rejected: false, counts: 'cab: -2 | change-managers: -1', ignored: [] }],
    [
      'quorum reached',
      [ap('carol', 'cab'), ap('dave', 'cab'), ap('erin', 'change-managers')],
      { satisfied: true, rejected: false, counts: 'cab: carol,dave | change-managers: erin', ignored: [] },
    ],
    [
      'the same person twice counts once',
      [ap('carol', 'cab'), ap('carol', 'cab'), ap('erin', 'change-managers')],
      {
        satisfied: false,
        rejected: false,
        counts: 'cab: carol -1 | change-managers: erin',
        ignored: ["carol: replaced by carol's later decision for cab"],
      },
    ],
    [
      'two approvals at the same instant count once each',
      [ap('carol', 'cab', { at: 'T' }), ap('dave', 'cab', { at: 'T' }), ap('dave', 'cab', { at: 'T' })],
      {
        satisfied: false,
        rejected: false,
        counts: 'cab: carol,dave | change-managers: -1',
        ignored: ["dave: replaced by dave's later decision for cab"],
      },
    ],
    [
      'one person cannot satisfy two groups',
      [ap('erin', 'cab'), ap('erin', 'change-managers'), ap('carol', 'cab')],
      {
        satisfied: false,
        rejected: false,
        counts: 'cab: erin,carol | change-managers: -1',
        ignored: ['erin: erin already counts for cab; one person cannot satisfy two required groups'],
      },
    ],
    [
      'requester and assignee do not count',
      [ap('alice', 'cab'), ap('bob', 'cab')],
      {
        satisfied: false,
        rejected: false,
        counts: 'cab: -2 | change-managers: -1',
        ignored: [
          'alice: alice requested the change and cannot approve it',
          'bob: bob implements the change and cannot approve it',
        ],
      },
    ],
    [
      'approvals for another plan are void',
      [ap('carol', 'cab', { planHash: 'old' }), ap('dave', 'cab', { voided: true })],
      {
        satisfied: false,
        rejected: false,
        counts: 'cab: -2 | change-managers: -1',
        ignored: [
          'carol: void: given for an earlier version of the plan',
          'dave: void: given for an earlier version of the plan',
        ],
      },
    ],
    [
      'a group that is not required',
      [ap('hank', 'dba')],
      {
        satisfied: false,
        rejected: false,
        counts: 'cab: -2 | change-managers: -1',
        ignored: ['hank: the change does not need approval from dba'],
      },
    ],
    [
      'a rejection rejects, even with quorum',
      [
        ap('carol', 'cab'),
        ap('dave', 'cab'),
        ap('erin', 'change-managers'),
        ap('frank', 'cab', { decision: 'reject' }),
      ],
      { satisfied: false, rejected: true, counts: 'cab: carol,dave ✗frank | change-managers: erin', ignored: [] },
    ],
    [
      'a later approval replaces a rejection',
      [ap('carol', 'cab', { decision: 'reject' }), ap('carol', 'cab')],
      {
        satisfied: false,
        rejected: false,
        counts: 'cab: carol -1 | change-managers: -1',
        ignored: ["carol: replaced by carol's later decision for cab"],
      },
    ],
  ])('%s', (_n, approvals, expected) => {
    const e = evaluateApprovals(required, approvals, change);
    const counts = e.groups
      .map(
        (g) =>
          `${g.group}: ${[g.approvedBy.join(','), g.rejectedBy.map((r) => `✗${r}`).join(','), g.missing ? `-${g.missing}` : ''].filter(Boolean).join(' ')}`,
      )
      .join(' | ');
    expect({
      satisfied: e.satisfied,
      rejected: e.rejected,
      counts,
      ignored: e.ignored.map((i) => `${i.approval.by}: ${i.reason}`),
    }).toEqual(expected);
  });

  it('needs nothing when nothing is required', () => {
    expect(evaluateApprovals([], [], change)).toMatchObject({ satisfied: true, rejected: false });
  });
});

describe('canApprove', () => {
  const withApprovals = (approvals: Approval[]) => ({ ...change, approvals });
  it.each<
    [string, string, string[], Partial<typeof change>, { group?: string; decision?: 'approve' | 'reject' }, string]
  >([
    [
      'picks the group that still needs approvals',
      'erin',
      ['cab', 'change-managers'],
      withApprovals([ap('carol', 'cab'), ap('dave', 'cab')]),
      {},
      'change-managers',
    ],
    ['picks the first group of the user', 'erin', ['cab', 'change-managers'], {}, {}, 'cab'],
    [
      'honours an explicit group',
      'erin',
      ['cab', 'change-managers'],
      {},
      { group: 'change-managers' },
      'change-managers',
    ],
    [
      'returns the group already counted for',
      'erin',
      ['cab', 'change-managers'],
      withApprovals([ap('erin', 'cab')]),
      {},
      'cab',
    ],
    [
      'an emergency change implemented early can still be approved',
      'carol',
      ['cab'],
      { type: 'emergency', state: 'implemented' },
      {},
      'cab',
    ],
    [
      'a rejection may name another group',
      'erin',
      ['cab', 'change-managers'],
      withApprovals([ap('erin', 'cab')]),
      { group: 'change-managers', decision: 'reject' },
      'change-managers',
    ],
  ])('%s', (_n, user, groups, patch, options, expected) => {
    expect(canApprove(user, groups, { ...change, ...patch }, required, options)).toBe(expected);
  });

  it.each<[string, string, string[], Partial<typeof change>, { group?: string }, string]>([
    [
      'the requester',
      'alice',
      ['cab'],
      {},
      {},
      'alice requested CHG-3 and cannot approve or reject it: segregation of duties needs another approver.',
    ],
    [
      'the assignee',
      'bob',
      ['cab'],
      {},
      {},
      'bob is the assignee of CHG-3 and cannot approve or reject it: segregation of duties needs another approver.',
    ],
    [
      'not in any required group',
      'hank',
      ['dba'],
      {},
      {},
      'hank is not in any group whose approval CHG-3 needs (cab (2), change-managers (1)).',
    ],
    [
      'not a member of the named group',
      'carol',
      ['cab'],
      {},
      { group: 'change-managers' },
      'carol is not a member of change-managers, whose approval CHG-3 needs.',
    ],
    [
      'a group that is not required',
      'hank',
      ['dba'],
      {},
      { group: 'dba' },
      'CHG-3 does not need approval from dba; it needs cab (2), change-managers (1).',
    ],
    [
      'a second group',
      'erin',
      ['cab', 'change-managers'],
      withApprovals([ap('erin', 'cab')]),
      { group: 'change-managers' },
      'erin already approved CHG-3 for cab; one person cannot satisfy two required groups.',
    ],
    [
      'the wrong state',
      'carol',
      ['cab'],
      { state: 'scheduled' },
      {},
      'CHG-3 is scheduled: approvals are recorded while a change is submitted.',
    ],
    [
      'a normal change implemented',
      'carol',
      ['cab'],
      { state: 'implemented' },
      {},
      'CHG-3 is implemented: approvals are recorded while a change is submitted.',
    ],
  ])('refuses %s', (_n, user, groups, patch, options, message) => {
    const run = () => canApprove(user, groups, { ...change, ...patch }, required, options);
    expect(run).toThrow(NotAllowedError);
    expect(run).toThrow(message);
  });

  it('refuses when no approval is needed', () => {
    expect(() => canApprove('carol', ['cab'], change, [])).toThrow('CHG-3 needs no approvals.');
  });
});
