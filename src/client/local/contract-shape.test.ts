import { Type, type TSchema } from '@sinclair/typebox';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { ChangeShow, PendingApprovals } from '../../contracts/change.contracts.js';
import { CabAgendaView } from '../../contracts/change-governance.contracts.js';
import { inContractShape } from './contract-shape.js';

/** What the API writes for `value` through a route whose response schema is `schema`. */
async function served(schema: TSchema, value: unknown): Promise<string> {
  const app = Fastify();
  app.get('/', { schema: { response: { 200: schema } } }, async () => value);
  try {
    return (await app.inject({ url: '/' })).body;
  } finally {
    await app.close();
  }
}

const Sample = Type.Object({
  id: Type.Integer(),
  note: Type.Optional(Type.String()),
  name: Type.String(),
  tags: Type.Array(Type.Object({ b: Type.String(), a: Type.Optional(Type.Number()) })),
  labels: Type.Record(Type.String(), Type.String()),
  owner: Type.Union([Type.Object({ team: Type.String(), lead: Type.String() }), Type.Null()]),
  open: Type.Object({ first: Type.String() }, { additionalProperties: true }),
});

// Keys scrambled, optional ones missing or undefined, extra ones that the API drops.
const change = {
  allowedActions: ['schedule'],
  next: [{ to: 'scheduled', event: 'schedule', extra: 1 }],
  conflicts: [{ message: 'm', kind: 'overlap', ci: 'server/a', other: 'CHG-2' }],
  approvalStatus: {
    ignored: [],
    rejected: false,
    satisfied: true,
    groups: [{ satisfied: true, missing: 0, rejectedBy: [], approvedBy: ['erin'], quorum: 1, group: 'cab' }],
  },
  required: [{ because: ['rule 1'], quorum: 1, group: 'cab' }],
  change: {
    updatedAt: 't2',
    window: { end: 'e', start: 's' },
    risk: {
      thresholds: { veryHigh: 75, high: 45, medium: 25 },
      factors: [{ reason: 'r', max: 30, score: 12.5, factor: 'criticality' }],
      score: 12.5,
      level: 'low',
    },
    history: [{ comment: undefined, at: 't', by: 'alice', event: 'submit', to: 'submitted', from: 'draft' }],
    approvals: [{ comment: 'ok', planHash: 'h', at: 't', decision: 'approve', group: 'cab', by: 'erin' }],
    plan: { relations: [], cis: [{ name: 'db', class: 'database', attributes: { z: 1, a: 2 } }] },
    assignee: 'bob',
    createdAt: 't1',
    baseRevision: 2,
    planHash: 'h',
    backoutPlan: '',
    testPlan: '',
    implementationPlan: '',
    requester: 'alice',
    category: '',
    justification: '',
    description: '',
    title: 'T',
    state: 'authorized',
    type: 'normal',
    ref: 'CHG-1',
    id: 1,
    internal: 'not in the contract',
  },
};

describe('inContractShape gives what the API writes', () => {
  it.each([
    [
      'a sample schema',
      Sample,
      {
        open: { more: 2, first: 'f' },
        owner: { lead: 'l', team: 't', x: 1 },
        labels: { z: 'z', a: 'a' },
        tags: [{ a: 1, b: 'b', c: 3 }],
        name: 'n',
        note: undefined,
        id: 1,
        dropped: true,
      },
    ],
    ['a null in a union', Sample, { id: 1, name: 'n', tags: [], labels: {}, owner: null, open: { first: 'f' } }],
    ['a change view', ChangeShow, change],
    [
      'the pending list',
      PendingApprovals,
      {
        items: [{ groups: [{ missing: 1, group: 'cab' }], requester: 'alice', risk: null, title: 'T', ref: 'CHG-1' }],
        user: 'carol',
      },
    ],
    [
      'a CAB agenda',
      CabAgendaView,
      {
        upcoming: [],
        forDecision: [
          {
            allowedActions: ['reject', 'approve'],
            conflicts: [],
            awaiting: ['cab (1 more)'],
            impact: { businessServices: [], impacted: ['application/a'], touched: ['server/s'] },
            risk: { score: 3, level: 'low' },
            window: null,
            requester: 'a',
            state: 'submitted',
            type: 'normal',
            title: 'T',
            ref: 'CHG-1',
          },
        ],
        cab: 'cab',
        date: '2030-01-01',
      },
    ],
  ])('%s', async (_name, schema, value) => {
    expect(JSON.stringify(inContractShape(schema, value))).toBe(await served(schema, value));
  });

  it('refuses a value without a required property, as the API does', () => {
    expect(() => inContractShape(Sample, { id: 1 })).toThrow(/"name" is required/);
  });
});
