import { describe, expect, it } from 'vitest';
import type { ImpactDirection } from '../model/model.types.js';
import { walkImpact, type Edge, type ImpactHit } from './impact.js';
import { MemoryGraph } from './memory-graph.js';

// Impact directions as the default model gives them, written out here.
const DIRECTIONS: Record<string, ImpactDirection> = {
  depends_on: 'target-to-source',
  runs_on: 'target-to-source',
  contains: 'source-to-target',
  connected_to: 'both',
  documents: 'none',
};
const directionOf = (type: string) => DIRECTIONS[type];

const e = (sourceId: string, type: string, targetId: string): Edge => ({ type, sourceId, targetId });

// A shop: the app runs on two VMs on one host in a rack; the app depends on a database on the host.
const SHOP: Edge[] = [
  e('app', 'runs_on', 'vm1'),
  e('app', 'runs_on', 'vm2'),
  e('vm1', 'runs_on', 'host'),
  e('vm2', 'runs_on', 'host'),
  e('db', 'runs_on', 'host'),
  e('app', 'depends_on', 'db'),
  e('rack', 'contains', 'host'),
  e('wiki', 'documents', 'app'),
  e('host', 'connected_to', 'switch'),
  e('lb', 'depends_on', 'app'),
  e('x', 'unknown_type', 'host'),
];

// Along a target-to-source type the walk always runs against the relationship (from the database
// to the app that depends_on it); along a source-to-target type, with it. `both` is tested apart.
const hit = (id: string, depth: number, path: string[], via: string[]): ImpactHit => ({
  id,
  depth,
  path,
  via,
  against: via.map((t) => DIRECTIONS[t] === 'target-to-source'),
});

// [roots, maxDepth, expected hits in order]
const WALKS: [string, string[], number, ImpactHit[]][] = [
  ['a leaf affects only what depends on it', ['lb'], 5, []],
  ['the app affects the load balancer', ['app'], 5, [hit('lb', 1, ['app', 'lb'], ['depends_on'])]],
  [
    'the database affects the app, then the load balancer',
    ['db'],
    5,
    [hit('app', 1, ['db', 'app'], ['depends_on']), hit('lb', 2, ['db', 'app', 'lb'], ['depends_on', 'depends_on'])],
  ],
  [
    'the host, level by level, ids sorted within a level, each CI once at its smallest depth',
    ['host'],
    5,
    [
      hit('db', 1, ['host', 'db'], ['runs_on']),
      hit('switch', 1, ['host', 'switch'], ['connected_to']),
      hit('vm1', 1, ['host', 'vm1'], ['runs_on']),
      hit('vm2', 1, ['host', 'vm2'], ['runs_on']),
      hit('app', 2, ['host', 'db', 'app'], ['runs_on', 'depends_on']),
      hit('lb', 3, ['host', 'db', 'app', 'lb'], ['runs_on', 'depends_on', 'depends_on']),
    ],
  ],
  ['a depth of 1 stops after the first level', ['db'], 1, [hit('app', 1, ['db', 'app'], ['depends_on'])]],
  ['a depth of 0 reaches nothing', ['db'], 0, []],
  [
    'a rack affects what it contains (source to target)',
    ['rack'],
    2,
    [
      hit('host', 1, ['rack', 'host'], ['contains']),
      hit('db', 2, ['rack', 'host', 'db'], ['contains', 'runs_on']),
      hit('switch', 2, ['rack', 'host', 'switch'], ['contains', 'connected_to']),
      hit('vm1', 2, ['rack', 'host', 'vm1'], ['contains', 'runs_on']),
      hit('vm2', 2, ['rack', 'host', 'vm2'], ['contains', 'runs_on']),
    ],
  ],
  [
    'the switch reaches the host both ways',
    ['switch'],
    1,
    [{ ...hit('host', 1, ['switch', 'host'], ['connected_to']), against: [true] }],
  ],
  [
    'the host does not affect its rack',
    ['host'],
    1,
    [
      hit('db', 1, ['host', 'db'], ['runs_on']),
      hit('switch', 1, ['host', 'switch'], ['connected_to']),
      hit('vm1', 1, ['host', 'vm1'], ['runs_on']),
      hit('vm2', 1, ['host', 'vm2'], ['runs_on']),
    ],
  ],
  ['`none` and unknown types are not followed', ['x'], 5, []],
  ['documents is not followed from the app to the wiki', ['wiki'], 5, []],
  [
    'two roots: neither is reported, each hit once',
    ['vm1', 'vm2'],
    5,
    [hit('app', 1, ['vm1', 'app'], ['runs_on']), hit('lb', 2, ['vm1', 'app', 'lb'], ['runs_on', 'depends_on'])],
  ],
  ['a root given twice is walked once', ['app', 'app'], 5, [hit('lb', 1, ['app', 'lb'], ['depends_on'])]],
  ['an unknown root reaches nothing', ['nowhere'], 5, []],
];

describe('walkImpact', () => {
  it.each(WALKS)('%s', async (_label, roots, maxDepth, expected) => {
    const g = new MemoryGraph();
    for (const x of SHOP) g.add(x);
    expect(await walkImpact(roots, maxDepth, directionOf, g)).toEqual(expected);
  });

  it('marks each step of a `both` type by the way the path runs through it', async () => {
    const g = new MemoryGraph();
    for (const x of [e('host', 'connected_to', 'switch'), e('switch', 'connected_to', 'router')]) g.add(x);
    expect(await walkImpact(['switch'], 1, directionOf, g)).toEqual([
      { id: 'host', depth: 1, path: ['switch', 'host'], via: ['connected_to'], against: [true] },
      { id: 'router', depth: 1, path: ['switch', 'router'], via: ['connected_to'], against: [false] },
    ]);
  });

  it('ends on a cycle', async () => {
    const g = new MemoryGraph();
    for (const x of [e('a', 'depends_on', 'b'), e('b', 'depends_on', 'c'), e('c', 'depends_on', 'a')]) g.add(x);
    expect(await walkImpact(['a'], 100, directionOf, g)).toEqual([
      hit('c', 1, ['a', 'c'], ['depends_on']),
      hit('b', 2, ['a', 'c', 'b'], ['depends_on', 'depends_on']),
    ]);
  });

  it('asks the edge source once per level, with that level’s frontier', async () => {
    const asked: string[][] = [];
    const g = new MemoryGraph();
    for (const x of SHOP) g.add(x);
    const spy = { edgesTouching: async (ids: string[]) => (asked.push(ids), g.edgesTouching(ids)) };
    await walkImpact(['db'], 5, directionOf, spy);
    expect(asked).toEqual([['db'], ['app'], ['lb']]);
  });
});
