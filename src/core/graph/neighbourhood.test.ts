import { describe, expect, it } from 'vitest';
import type { Edge } from './impact.js';
import { edgesAmong, walkNeighbourhood } from './neighbourhood.js';

const e = (sourceId: string, type: string, targetId: string): Edge => ({ type, sourceId, targetId });

// app runs on vm1 and vm2, both on host; db on host; lb depends on app; rack contains host.
const SHOP: Edge[] = [
  e('app', 'runs_on', 'vm1'),
  e('app', 'runs_on', 'vm2'),
  e('vm1', 'runs_on', 'host'),
  e('vm2', 'runs_on', 'host'),
  e('db', 'runs_on', 'host'),
  e('lb', 'depends_on', 'app'),
  e('rack', 'contains', 'host'),
];

/** Counts the calls a walk makes, to show it reads one level at a time. */
function counted(edges: Edge[]) {
  const source = edgesAmong(edges);
  const calls: string[][] = [];
  return {
    calls,
    edgesTouching: (ids: string[]) => {
      calls.push([...ids].sort());
      return source.edgesTouching(ids);
    },
  };
}

const depths = (nodes: Map<string, number>) => Object.fromEntries([...nodes].sort());

describe('walkNeighbourhood', () => {
  it('reaches CIs in both directions, each at its smallest distance, one read per level', async () => {
    const source = counted(SHOP);
    const walk = await walkNeighbourhood(['vm1'], 2, 100, source);
    expect(depths(walk.nodes)).toEqual({ app: 1, db: 2, host: 1, lb: 2, rack: 2, vm1: 0, vm2: 2 });
    expect(walk.truncated).toBe(false);
    expect(source.calls).toEqual([['vm1'], ['app', 'host'], ['db', 'lb', 'rack', 'vm2']]);
  });

  it('answers the relationships among the CIs reached, those between the farthest ones too, once each', async () => {
    const walk = await walkNeighbourhood(['app'], 1, 100, edgesAmong([...SHOP, e('vm1', 'connects_to', 'vm2')]));
    expect(walk.edges.map((x) => `${x.sourceId} ${x.type} ${x.targetId}`).sort()).toEqual([
      'app runs_on vm1',
      'app runs_on vm2',
      'lb depends_on app',
      'vm1 connects_to vm2',
    ]);
  });

  it('stops at the CIs it may keep, keeps the nearest (in id order within a level) and says it was cut', async () => {
    const walk = await walkNeighbourhood(['host'], 3, 4, edgesAmong(SHOP));
    // host's neighbours are db, rack, vm1, vm2: three fit beside the root.
    expect(depths(walk.nodes)).toEqual({ db: 1, host: 0, rack: 1, vm1: 1 });
    expect(walk.truncated).toBe(true);
    expect(walk.edges).toHaveLength(3);
  });

  it('is not cut when everything within the depth fits exactly', async () => {
    const walk = await walkNeighbourhood(['host'], 1, 5, edgesAmong(SHOP));
    expect(walk.nodes.size).toBe(5);
    expect(walk.truncated).toBe(false);
  });

  it('ends on cycles, joins several roots and answers a CI without relationships alone', async () => {
    const ring = [e('a', 'connects_to', 'b'), e('b', 'connects_to', 'c'), e('c', 'connects_to', 'a')];
    expect(depths((await walkNeighbourhood(['a'], 10, 100, edgesAmong(ring))).nodes)).toEqual({ a: 0, b: 1, c: 1 });
    expect(depths((await walkNeighbourhood(['lb', 'db'], 1, 100, edgesAmong(SHOP))).nodes)).toEqual({
      app: 1,
      db: 0,
      host: 1,
      lb: 0,
    });
    const lonely = await walkNeighbourhood(['alone'], 3, 100, edgesAmong(SHOP));
    expect(depths(lonely.nodes)).toEqual({ alone: 0 });
    expect(lonely.edges).toEqual([]);
  });
});
