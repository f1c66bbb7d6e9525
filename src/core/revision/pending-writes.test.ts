import { describe, expect, it } from 'vitest';
import type { CiVersion, RelationVersion } from '../ci/ci.types.js';
import type { ModelVersion } from '../model/model-version.types.js';
import { appendWrites, emptyWrites, isEmpty, revisionWritesOf, type PendingWrites } from './pending-writes.js';

const ci = (id: string) => ({ id }) as CiVersion;
const rel = (id: string) => ({ id }) as RelationVersion;
const model = (name: string) => ({ kind: 'class', name }) as ModelVersion;

describe('pending writes', () => {
  it('start empty', () => {
    expect(emptyWrites()).toEqual({ cis: [], relations: [], model: [] });
    expect(isEmpty(emptyWrites())).toBe(true);
  });

  it.each([
    ['a CI', { cis: [{ after: ci('c') }] }],
    ['a relationship', { relations: [{ before: rel('r') }] }],
    ['a model version', { model: [{ after: model('server') }] }],
  ])('are not empty with %s', (_label, part) => {
    expect(isEmpty({ ...emptyWrites(), ...part })).toBe(false);
  });

  it('append keeps order and leaves the source alone', () => {
    const into: PendingWrites = { cis: [{ after: ci('c1') }], relations: [], model: [] };
    const more: PendingWrites = {
      cis: [{ after: ci('c2') }],
      relations: [{ after: rel('r1') }],
      model: [{ after: model('m') }],
    };
    appendWrites(into, more);
    expect(into.cis.map((w) => w.after?.id)).toEqual(['c1', 'c2']);
    expect(into.relations.map((w) => w.after?.id)).toEqual(['r1']);
    expect(into.model.map((w) => w.after?.name)).toEqual(['m']);
    expect(more.cis).toHaveLength(1);
  });

  // [writes, created and ended ids by kind]
  const SPLITS: [string, PendingWrites, Record<string, string[]>][] = [
    [
      'nothing',
      emptyWrites(),
      { createdCis: [], endedCis: [], createdRelations: [], endedRelations: [], createdModel: [], endedModel: [] },
    ],
    [
      'a new CI, a modified CI, a deleted CI',
      {
        cis: [{ after: ci('new') }, { before: ci('old1'), after: ci('new1') }, { before: ci('gone') }],
        relations: [],
        model: [],
      },
      {
        createdCis: ['new', 'new1'],
        endedCis: ['old1', 'gone'],
        createdRelations: [],
        endedRelations: [],
        createdModel: [],
        endedModel: [],
      },
    ],
    [
      'relationships and model versions',
      {
        cis: [],
        relations: [{ after: rel('r1') }, { before: rel('r0') }],
        model: [{ before: model('a'), after: model('b') }],
      },
      {
        createdCis: [],
        endedCis: [],
        createdRelations: ['r1'],
        endedRelations: ['r0'],
        createdModel: ['b'],
        endedModel: ['a'],
      },
    ],
  ];
  it.each(SPLITS)('revisionWritesOf: %s', (_label, writes, expected) => {
    const out = revisionWritesOf(writes);
    const ids = Object.fromEntries(
      Object.entries(out).map(([k, list]) => [
        k,
        (list as { id?: string; name?: string }[]).map((v) => v.id ?? v.name!),
      ]),
    );
    expect(ids).toEqual(expected);
  });
});
