import { describe, expect, it } from 'vitest';
import type { CiVersion } from '../ci/ci.types.js';
import type { DesiredState } from '../ci/desired-state.js';
import type { PendingWrites } from '../revision/pending-writes.js';
import { InputNames } from './input-names.js';
import { rememberPlanned } from './remember-planned.js';

const version = (ref: string, id: string, revFrom = 5): CiVersion => {
  const [cls = '', name = ''] = ref.split('/');
  return {
    id,
    class: cls,
    name,
    status: 'active',
    attributes: {},
    labels: {},
    source: 'import',
    revFrom,
    revTo: null,
    hash: `h-${id}`,
    attributeSources: {},
  };
};

/**
 * A batch of four CI records: `server/new` created, `server/changed` given a new version,
 * `server/same` only read (current, nothing written) and `server/bad` neither read nor written.
 */
function batchOfCis(named: InputNames) {
  const refs = ['server/new', 'server/changed', 'server/same', 'server/bad'];
  const numbers = refs.map((ref) => {
    named.addCi(ref);
    return named.lastCi;
  });
  const created = version('server/new', 'ci_new');
  const changedBefore = version('server/changed', 'ci_changed', 2);
  const changed = version('server/changed', 'ci_changed');
  const same = version('server/same', 'ci_same', 2);
  const current = new Map([
    ['server/same', same],
    ['server/changed', changed],
    ['server/new', created],
  ]);
  const writes: PendingWrites['cis'] = [{ after: created }, { before: changedBefore, after: changed }];
  const batch: DesiredState = { cis: refs.map((ref) => ({ class: 'server', name: ref.slice(7) })), relations: [] };
  return { refs, numbers, current, writes, batch };
}

function expectRemembered(named: InputNames): void {
  expect(named.idOf('server/new')).toBe('ci_new');
  expect(named.idOf('server/changed')).toBe('ci_changed');
  expect(named.idOf('server/same')).toBe('ci_same');
  expect(named.idOf('server/bad')).toBeUndefined();
  expect(named.isCreated('ci_new')).toBe(true);
  expect(named.isCreated('ci_changed')).toBe(false);
  expect(named.isCreated('ci_same')).toBe(false);
}

describe('rememberPlanned', () => {
  it('keeps the id of every CI a batch of CIs holds current, and notes only the one it created', () => {
    const named = new InputNames();
    const { refs, numbers, current, writes, batch } = batchOfCis(named);
    rememberPlanned(named, batch, refs, numbers, current, writes);
    expectRemembered(named);
  });

  it('gives the same with the plan written in another order than the records', () => {
    const named = new InputNames();
    const { refs, numbers, current, writes, batch } = batchOfCis(named);
    rememberPlanned(named, batch, refs, numbers, current, [...writes].reverse());
    expectRemembered(named);
  });

  it('keeps a relationship end the plan read too, in a batch with relationships', () => {
    const named = new InputNames();
    const { refs, numbers, current, writes, batch } = batchOfCis(named);
    named.addRelation('runs_on', 'vm/1', 'server/elsewhere');
    const withEnd = new Map([...current, ['server/elsewhere', version('server/elsewhere', 'ci_elsewhere', 1)]]);
    const relations = [{ type: 'runs_on', from: 'vm/1', to: 'server/elsewhere' }];
    rememberPlanned(named, { ...batch, relations }, refs, numbers, withEnd, writes);
    expectRemembered(named);
    expect(named.idOf('server/elsewhere')).toBe('ci_elsewhere');
    expect(named.isCreated('ci_elsewhere')).toBe(false);
  });
});
