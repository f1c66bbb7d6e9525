import { describe, expect, it } from 'vitest';
import type { CiVersion, RelationVersion } from '../ci/ci.types.js';
import type { Revision } from '../revision/revision.types.js';
import type { PendingWrites } from '../revision/pending-writes.js';
import type { ApplyOutcome } from './cmdb.service.js';
import { countWrites, describeCounts, outcomeJson, planJson, type WriteCounts } from './write-views.js';

const ci = (id: string, name: string, status = 'active', attributes: Record<string, unknown> = {}) =>
  ({ id, class: 'server', name, status, attributes, labels: {} }) as unknown as CiVersion;
const rel = (id: string, sourceId: string, targetId: string) =>
  ({ id, type: 'runs_on', sourceId, targetId }) as RelationVersion;

const WRITES: PendingWrites = {
  cis: [
    { after: ci('c1', 'new') },
    { before: ci('c2', 'web', 'active', { cpu: 1 }), after: ci('c2', 'web', 'active', { cpu: 2 }) },
    { before: ci('c3', 'old') },
    { after: ci('c4', 'new2') },
  ],
  relations: [{ after: rel('r1', 'c1', 'c2') }, { before: rel('r2', 'c3', 'c2') }],
  model: [{ after: { kind: 'class', name: 'x' } as never }],
};

describe('countWrites', () => {
  it.each([
    [
      'nothing',
      { cis: [], relations: [], model: [] },
      { cis: { added: 0, modified: 0, removed: 0 }, relations: { added: 0, modified: 0, removed: 0 }, classes: 0 },
    ],
    [
      'a mix',
      WRITES,
      { cis: { added: 2, modified: 1, removed: 1 }, relations: { added: 1, modified: 0, removed: 1 }, classes: 1 },
    ],
  ] as [string, PendingWrites, WriteCounts][])('%s', (_label, writes, expected) => {
    expect(countWrites(writes)).toEqual(expected);
  });
});

const zero = { added: 0, modified: 0, removed: 0 };
const DESCRIPTIONS: [WriteCounts, string][] = [
  [{ cis: zero, relations: zero, classes: 0 }, ''],
  [{ cis: { added: 2, modified: 0, removed: 0 }, relations: zero, classes: 0 }, 'CIs 2 added'],
  [{ cis: { added: 2, modified: 1, removed: 3 }, relations: zero, classes: 0 }, 'CIs 2 added, 1 modified, 3 removed'],
  [{ cis: zero, relations: { added: 0, modified: 0, removed: 4 }, classes: 0 }, 'relationships 4 removed'],
  [
    { cis: { added: 0, modified: 1, removed: 0 }, relations: { added: 3, modified: 0, removed: 0 }, classes: 0 },
    'CIs 1 modified; relationships 3 added',
  ],
  [{ cis: zero, relations: zero, classes: 2 }, '2 class/type definitions written'],
  [
    { cis: { added: 1, modified: 0, removed: 0 }, relations: zero, classes: 1 },
    'CIs 1 added; 1 class/type definitions written',
  ],
];

describe('describeCounts', () => {
  it.each(DESCRIPTIONS)('%j → %j', (counts, text) => {
    expect(describeCounts(counts)).toBe(text);
  });
});

const REVISION = { rev: 12, hash: 'abc' } as Revision;

describe('outcomeJson', () => {
  it.each([
    ['a written revision', REVISION, 12, 'abc'],
    ['nothing written', null, null, null],
  ])('%s', (_label, revision, rev, hash) => {
    const out = outcomeJson({ revision, writes: WRITES, refs: new Map() });
    expect(out).toEqual({ revision: rev, hash, ...countWrites(WRITES) });
  });
});

describe('planJson', () => {
  const outcome: ApplyOutcome = {
    revision: null,
    writes: WRITES,
    refs: new Map([
      ['c1', 'server/new'],
      ['c2', 'server/web'],
    ]),
  };
  const json = planJson(outcome);

  it('lists each CI with its action and the fields before and after', () => {
    expect(json.cis).toEqual([
      { ref: 'server/new', action: 'add', before: null, after: { status: 'active', attributes: {}, labels: {} } },
      {
        ref: 'server/web',
        action: 'modify',
        before: { status: 'active', attributes: { cpu: 1 }, labels: {} },
        after: { status: 'active', attributes: { cpu: 2 }, labels: {} },
      },
      { ref: 'server/old', action: 'remove', before: { status: 'active', attributes: {}, labels: {} }, after: null },
      { ref: 'server/new2', action: 'add', before: null, after: { status: 'active', attributes: {}, labels: {} } },
    ]);
  });

  it('names relationship ends from the refs, or by id when unknown', () => {
    expect(json.relations).toEqual([
      { ref: 'server/new runs_on server/web', action: 'add' },
      { ref: 'c3 runs_on server/web', action: 'remove' },
    ]);
  });

  it('carries the outcome’s counts', () => {
    expect(json).toMatchObject({ revision: null, hash: null, classes: 1, cis: expect.any(Array) as unknown });
  });
});
