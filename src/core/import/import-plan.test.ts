import { describe, expect, it } from 'vitest';
import type { CiVersion, RelationVersion } from '../ci/ci.types.js';
import type { DesiredState } from '../ci/desired-state.js';
import { ModelRegistry } from '../model/model-registry.js';
import type { PendingWrites } from '../revision/pending-writes.js';
import { collectPlan } from './import-plan.js';

const registry = new ModelRegistry(
  [{ name: 'app' }, { name: 'server' }],
  [{ name: 'runs_on', inverse: 'hosts', impact: 'target-to-source' }],
);
const ci = (id: string, cls: string, name: string) => ({ id, class: cls, name }) as CiVersion;
const rel = (sourceId: string, targetId: string) => ({ type: 'runs_on', sourceId, targetId }) as RelationVersion;
const REFS = new Map([
  ['ci_shop', 'app/shop'],
  ['ci_web', 'server/web'],
  ['ci_db', 'server/db'],
]);

const BATCH: DesiredState = {
  cis: [
    { class: 'app', name: 'shop' },
    { class: 'server', name: 'web', attributes: { cpu: 2 } },
    { class: 'server', name: 'db' },
  ],
  relations: [
    { type: 'runs_on', from: 'app/shop', to: 'server/web' },
    { type: 'hosts', from: 'server/db', to: 'app/shop' },
    { type: 'unknown', from: 'app/shop', to: 'server/db' },
  ],
};

// [label, the batch's writes, refs of CIs planned, relationships planned as `type from to`]
const CASES: [string, PendingWrites, string[], string[]][] = [
  ['nothing written', { cis: [], relations: [], model: [] }, [], []],
  ['a CI added', { cis: [{ after: ci('ci_web', 'server', 'web') }], relations: [], model: [] }, ['server/web'], []],
  [
    'a CI modified',
    { cis: [{ before: ci('ci_db', 'server', 'db'), after: ci('ci_db', 'server', 'db') }], relations: [], model: [] },
    ['server/db'],
    [],
  ],
  [
    'a CI only ended is not in the plan',
    { cis: [{ before: ci('ci_db', 'server', 'db') }], relations: [], model: [] },
    [],
    [],
  ],
  [
    'a relationship written by its name',
    { cis: [], relations: [{ after: rel('ci_shop', 'ci_web') }], model: [] },
    [],
    ['runs_on app/shop server/web'],
  ],
  [
    'a relationship written by its inverse name keeps the document’s form',
    { cis: [], relations: [{ after: rel('ci_shop', 'ci_db') }], model: [] },
    [],
    ['hosts server/db app/shop'],
  ],
  [
    'a relationship the other way round is not matched',
    { cis: [], relations: [{ after: rel('ci_web', 'ci_shop') }], model: [] },
    [],
    [],
  ],
  [
    'a relationship only ended is not in the plan',
    { cis: [], relations: [{ before: rel('ci_shop', 'ci_web') }], model: [] },
    [],
    [],
  ],
];

describe('collectPlan', () => {
  it.each(CASES)('%s', async (_label, writes, cis, relations) => {
    const plan: DesiredState = { cis: [], relations: [] };
    let loads = 0;
    await collectPlan(plan, BATCH, writes, REFS, async () => (loads++, registry));
    expect(plan.cis.map((c) => `${c.class}/${c.name}`)).toEqual(cis);
    expect(plan.relations.map((r) => `${r.type} ${r.from} ${r.to}`)).toEqual(relations);
    // The registry is only loaded when relationships were written.
    expect(loads).toBe(writes.relations.length > 0 ? 1 : 0);
    expect(plan.classes).toBeUndefined();
  });

  it('adds the batch’s classes and relationship types to those already planned, and keeps the desired CI as given', async () => {
    const plan: DesiredState = { cis: [], relations: [], classes: [{ name: 'first' }] };
    const batch: DesiredState = {
      ...BATCH,
      classes: [{ name: 'second' }],
      relationTypes: [{ name: 'feeds', inverse: 'fed_by', impact: 'none' }],
    };
    await collectPlan(
      plan,
      batch,
      { cis: [{ after: ci('ci_web', 'server', 'web') }], relations: [], model: [] },
      REFS,
      async () => registry,
    );
    expect(plan.classes).toEqual([{ name: 'first' }, { name: 'second' }]);
    expect(plan.relationTypes).toEqual([{ name: 'feeds', inverse: 'fed_by', impact: 'none' }]);
    expect(plan.cis).toEqual([{ class: 'server', name: 'web', attributes: { cpu: 2 } }]);
  });

  it('appends to a plan across batches', async () => {
    const plan: DesiredState = { cis: [{ class: 'app', name: 'earlier' }], relations: [] };
    await collectPlan(
      plan,
      BATCH,
      { cis: [{ after: ci('ci_shop', 'app', 'shop') }], relations: [], model: [] },
      REFS,
      async () => registry,
    );
    expect(plan.cis.map((c) => c.name)).toEqual(['earlier', 'shop']);
  });
});
