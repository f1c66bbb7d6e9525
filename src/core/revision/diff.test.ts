import { describe, expect, it } from 'vitest';
import type { CiVersion, RelationVersion } from '../ci/ci.types.js';
import { ciChanges, pairVersions, relationChanges } from './diff.js';

function ci(over: Partial<CiVersion> = {}): CiVersion {
  return {
    id: 'ci_1',
    class: 'server',
    name: 'web-01',
    status: 'active',
    attributes: {},
    labels: {},
    source: null,
    revFrom: 1,
    revTo: null,
    hash: 'h1',
    attributeSources: {},
    ...over,
  };
}

// [label, before, after, the field changes expected, in order]
const CI_CHANGES: [
  string,
  Partial<CiVersion>,
  Partial<CiVersion>,
  { path: string; from: unknown; to: unknown; change: string }[],
][] = [
  ['nothing changed', {}, {}, []],
  [
    'status only',
    { status: 'active' },
    { status: 'retired' },
    [{ path: 'status', from: 'active', to: 'retired', change: 'changed' }],
  ],
  [
    'an attribute added',
    {},
    { attributes: { cpu: 4 } },
    [{ path: 'attributes.cpu', from: null, to: 4, change: 'added' }],
  ],
  [
    'an attribute removed',
    { attributes: { cpu: 4 } },
    {},
    [{ path: 'attributes.cpu', from: 4, to: null, change: 'removed' }],
  ],
  [
    'an attribute changed',
    { attributes: { cpu: 4 } },
    { attributes: { cpu: 8 } },
    [{ path: 'attributes.cpu', from: 4, to: 8, change: 'changed' }],
  ],
  [
    'an object attribute equal in another key order',
    { attributes: { o: { a: 1, b: 2 } } },
    { attributes: { o: { b: 2, a: 1 } } },
    [],
  ],
  ['a label added', {}, { labels: { team: 'ops' } }, [{ path: 'labels.team', from: null, to: 'ops', change: 'added' }]],
  [
    'a label changed',
    { labels: { team: 'ops' } },
    { labels: { team: 'dev' } },
    [{ path: 'labels.team', from: 'ops', to: 'dev', change: 'changed' }],
  ],
  [
    'attribute keys sorted, status first, labels last',
    { status: 'a', attributes: { z: 1, a: 1 }, labels: { b: 'x' } },
    { status: 'b', attributes: { z: 2, a: 2 }, labels: { b: 'y' } },
    [
      { path: 'status', from: 'a', to: 'b', change: 'changed' },
      { path: 'attributes.a', from: 1, to: 2, change: 'changed' },
      { path: 'attributes.z', from: 1, to: 2, change: 'changed' },
      { path: 'labels.b', from: 'x', to: 'y', change: 'changed' },
    ],
  ],
  // A key set to null reads the same as a missing key.
  ['an attribute from null to missing', { attributes: { x: null } }, {}, []],
  // A removed key has no new value; a key set to null is a change to null, told apart by `change`.
  [
    'an attribute set to null is changed, not removed',
    { attributes: { cpu: 4 } },
    { attributes: { cpu: null } },
    [{ path: 'attributes.cpu', from: 4, to: null, change: 'changed' }],
  ],
  ['name and class are not compared', { name: 'a', class: 'server' }, { name: 'b', class: 'vm' }, []],
];

describe('ciChanges', () => {
  it.each(CI_CHANGES)('%s', (_label, before, after, expected) => {
    expect(ciChanges(ci(before), ci(after))).toEqual(expected);
  });
});

function rel(attributes: Record<string, unknown>): RelationVersion {
  return {
    id: 'rel_1',
    type: 'runs_on',
    sourceId: 'ci_1',
    targetId: 'ci_2',
    attributes,
    source: null,
    revFrom: 1,
    revTo: null,
    hash: 'h',
  };
}

const RELATION_CHANGES: [
  string,
  Record<string, unknown>,
  Record<string, unknown>,
  { path: string; from: unknown; to: unknown; change: string }[],
][] = [
  ['no attributes', {}, {}, []],
  ['an attribute added', {}, { port: 443 }, [{ path: 'attributes.port', from: null, to: 443, change: 'added' }]],
  ['an attribute removed', { port: 443 }, {}, [{ path: 'attributes.port', from: 443, to: null, change: 'removed' }]],
  [
    'two attributes changed, sorted',
    { b: 1, a: 1 },
    { b: 2, a: 2 },
    [
      { path: 'attributes.a', from: 1, to: 2, change: 'changed' },
      { path: 'attributes.b', from: 1, to: 2, change: 'changed' },
    ],
  ],
  ['an equal array', { ports: [1, 2] }, { ports: [1, 2] }, []],
  // Only a record's own keys are its fields, not Object's methods.
  [
    'attributes named like Object methods',
    { constructor: 'x' },
    { toString: 'y' },
    [
      { path: 'attributes.constructor', from: 'x', to: null, change: 'removed' },
      { path: 'attributes.toString', from: null, to: 'y', change: 'added' },
    ],
  ],
  // Integer-like keys enumerate first, in numeric order; lines come in code-unit order, as sort() puts them.
  [
    'integer-like keys among others, in code-unit order',
    { 9: 'a', 10: 'a', b: 1 },
    { 9: 'b', 10: 'b', a: 0, c: null },
    [
      { path: 'attributes.10', from: 'a', to: 'b', change: 'changed' },
      { path: 'attributes.9', from: 'a', to: 'b', change: 'changed' },
      { path: 'attributes.a', from: null, to: 0, change: 'added' },
      { path: 'attributes.b', from: 1, to: null, change: 'removed' },
    ],
  ],
  [
    'more keys than the short sort takes, all changed, sorted',
    Object.fromEntries([...Array(20).keys()].reverse().map((k) => [`k${k}`, 1])),
    Object.fromEntries([...Array(20).keys()].map((k) => [`k${k}`, 2])),
    [...Array(20).keys()]
      .map((k) => `k${k}`)
      .sort()
      .map((k) => ({ path: `attributes.${k}`, from: 1, to: 2, change: 'changed' })),
  ],
  [
    'a null before is absent, a null after a change',
    { a: null, b: 1, c: null },
    { a: 1, b: null },
    [
      { path: 'attributes.a', from: null, to: 1, change: 'added' },
      { path: 'attributes.b', from: 1, to: null, change: 'changed' },
    ],
  ],
];

describe('relationChanges', () => {
  it.each(RELATION_CHANGES)('%s', (_label, before, after, expected) => {
    expect(relationChanges(rel(before), rel(after))).toEqual(expected);
  });
});

// Versions as `id:hash`; expected ids in each group.
const PAIRS: [string, string[], string[], { added: string[]; removed: string[]; modified: string[] }][] = [
  ['both empty', [], [], { added: [], removed: [], modified: [] }],
  ['only after', [], ['a:1', 'b:1'], { added: ['a', 'b'], removed: [], modified: [] }],
  ['only before', ['a:1', 'b:1'], [], { added: [], removed: ['a', 'b'], modified: [] }],
  ['same hash is not modified', ['a:1'], ['a:1'], { added: [], removed: [], modified: [] }],
  ['another hash is modified', ['a:1'], ['a:2'], { added: [], removed: [], modified: ['a'] }],
  ['a mix', ['a:1', 'b:1', 'c:1'], ['b:2', 'c:1', 'd:1'], { added: ['d'], removed: ['a'], modified: ['b'] }],
];

describe('pairVersions', () => {
  const versions = (list: string[]) => list.map((s) => ({ id: s.split(':')[0]!, hash: s.split(':')[1]! }));
  it.each(PAIRS)('%s', (_label, before, after, expected) => {
    const out = pairVersions(versions(before), versions(after));
    expect(out.added.map((v) => v.id)).toEqual(expected.added);
    expect(out.removed.map((v) => v.id)).toEqual(expected.removed);
    expect(out.modified.map(([b]) => b.id)).toEqual(expected.modified);
    for (const [b, a] of out.modified) {
      expect(b.id).toBe(a.id);
      expect(b.hash).not.toBe(a.hash);
      // The pair is ordered (before, after).
      expect(versions(before)).toContainEqual(b);
      expect(versions(after)).toContainEqual(a);
    }
  });
});
