import { describe, expect, it } from 'vitest';
import type { Edge } from './impact.js';
import { MemoryGraph } from './memory-graph.js';

const e = (sourceId: string, type: string, targetId: string): Edge => ({ type, sourceId, targetId });
const key = (x: Edge) => `${x.sourceId} ${x.type} ${x.targetId}`;

function graph(edges: Edge[]): MemoryGraph {
  const g = new MemoryGraph();
  for (const x of edges) g.add(x);
  return g;
}

const EDGES = [
  e('app', 'runs_on', 'vm'),
  e('vm', 'runs_on', 'host'),
  e('db', 'runs_on', 'host'),
  e('app', 'depends_on', 'db'),
];

// Ids asked for → edges returned (out edges first, then in edges, per id in the order asked).
const TOUCHING: [string[], string[]][] = [
  [[], []],
  [['unknown'], []],
  [['app'], ['app runs_on vm', 'app depends_on db']],
  [['vm'], ['vm runs_on host', 'app runs_on vm']],
  [['host'], ['vm runs_on host', 'db runs_on host']],
  [['db'], ['db runs_on host', 'app depends_on db']],
  // An edge between two asked ids comes once for each end.
  [
    ['app', 'vm'],
    ['app runs_on vm', 'app depends_on db', 'vm runs_on host', 'app runs_on vm'],
  ],
];

describe('MemoryGraph', () => {
  it.each(TOUCHING)('edges touching %j', async (ids, expected) => {
    const g = graph(EDGES);
    expect(g.edgesTouchingSync(ids).map(key)).toEqual(expected);
    expect((await g.edgesTouching(ids)).map(key)).toEqual(expected);
  });

  it('counts each CI that appears in an edge once', () => {
    expect(new MemoryGraph().size).toBe(0);
    expect(graph(EDGES).size).toBe(4);
  });

  // [edge removed, what `vm` and `host` then touch]
  const REMOVALS: [Edge, string[]][] = [
    [e('vm', 'runs_on', 'host'), ['app runs_on vm', 'db runs_on host']],
    [e('app', 'runs_on', 'vm'), ['vm runs_on host', 'vm runs_on host', 'db runs_on host']],
    // Another type between the same CIs is a different edge: nothing removed.
    [e('vm', 'depends_on', 'host'), ['vm runs_on host', 'app runs_on vm', 'vm runs_on host', 'db runs_on host']],
    // Unknown CIs: nothing to do.
    [e('x', 'runs_on', 'y'), ['vm runs_on host', 'app runs_on vm', 'vm runs_on host', 'db runs_on host']],
  ];
  it.each(REMOVALS)('remove %j', (edge, expected) => {
    const g = graph(EDGES);
    g.remove(edge);
    expect(g.edgesTouchingSync(['vm', 'host']).map(key)).toEqual(expected);
  });

  it('removes every copy of an edge added twice, and keeps its CIs interned', () => {
    const g = graph([e('a', 't', 'b'), e('a', 't', 'b')]);
    expect(g.edgesTouchingSync(['a'])).toHaveLength(2);
    g.remove(e('a', 't', 'b'));
    expect(g.edgesTouchingSync(['a', 'b'])).toEqual([]);
    expect(g.size).toBe(2);
  });

  it('keeps the class/name of each CI apart from its edges', () => {
    const g = new MemoryGraph();
    g.setName('ci_1', 'server', 'web-01');
    expect(g.refOf('ci_1')).toBe('server/web-01');
    expect(g.size).toBe(0);
    g.setName('ci_1', 'server', 'web-02');
    expect(g.refOf('ci_1')).toBe('server/web-02');
    g.removeRef('ci_1');
    expect(g.refOf('ci_1')).toBeUndefined();
    expect(g.refOf('ci_9')).toBeUndefined();
  });
});
