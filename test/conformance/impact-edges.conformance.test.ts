import { afterAll, describe, expect, it } from 'vitest';
import { createCmdbServices, type CmdbServices } from '../../src/core/cmdb/cmdb-services.js';
import { impactFollow, walkImpact } from '../../src/core/graph/impact.js';
import { edgesAmong } from '../../src/core/graph/neighbourhood.js';
import type { DesiredRelation } from '../../src/core/ci/desired-state.js';
import { engines } from '../helpers/engines.js';
import { makeCi, meta } from '../helpers/fixtures.js';

const TYPES = ['depends_on', 'runs_on', 'contains', 'connects_to', 'part_of', 'hosted_on_nothing'];
const N = 40;

/** A tangled graph of N servers: chains, fan-in, cycles and every impact direction, seeded. */
function relations(seed: number): DesiredRelation[] {
  let x = seed;
  // The high bits: a linear congruential generator's low bits repeat with a short period.
  const next = () => (x = (x * 1103515245 + 12345) % 2 ** 31) >>> 12;
  const out = new Map<string, DesiredRelation>();
  for (let i = 0; i < N * 3; i++) {
    const from = next() % N;
    const to = next() % N;
    const type = TYPES[next() % 5]!;
    if (from !== to) out.set(`${type}/${from}/${to}`, { type, from: `server/s${from}`, to: `server/s${to}` });
  }
  return [...out.values()];
}

for (const harness of engines()) {
  describe(`impact edges on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    it('lead the walk to the same CIs, depths and paths as reading the relationships level by level, now and as of a past revision', async () => {
      const s: CmdbServices = createCmdbServices(await harness.newStore());
      await s.cmdb.initialize('tester');
      const first = relations(7);
      await s.cmdb.apply(
        { cis: Array.from({ length: N }, (_, i) => makeCi({ name: `s${i}` })), relations: first },
        meta(),
      );
      const past = (await s.store.head())!.rev;
      // Later, a third of the relationships end and others begin: the past differs from now.
      await s.cmdb.apply(
        {
          cis: [],
          relations: relations(11),
          delete: { relations: first.filter((_, i) => i % 3 === 0) },
        },
        meta(),
      );
      const registry = await s.cmdb.registry();
      const directionOf = (t: string) => registry.relationType(t)?.definition.impact;
      const follow = impactFollow(
        registry.allRelationTypes().flatMap((t) => [t.name, t.inverse]),
        directionOf,
      );
      const ids = new Map((await s.store.listCis({ limit: 100 })).map((c) => [c.name, c.id]));
      let compared = 0;
      for (const at of [undefined, past])
        for (const depth of [1, 2, 6])
          for (const root of ['s0', 's5', 's17', 's33']) {
            const rootId = ids.get(root)!;
            const perLevel = await walkImpact([rootId], depth, directionOf, {
              edgesTouching: (frontier) => s.store.getRelationsTouching(frontier, at),
            });
            const edges = await s.store.getImpactEdges([rootId], depth, follow, at);
            const atOnce = await walkImpact([rootId], depth, directionOf, edgesAmong(edges));
            const shape = (hits: typeof perLevel) => hits.map((h) => [h.id, h.depth, h.path.length]);
            expect(shape(atOnce), `${root} depth ${depth} at ${at ?? 'now'}`).toEqual(shape(perLevel));
            compared += perLevel.length;
          }
      expect(compared).toBeGreaterThan(100); // the graph is tangled enough for the comparison to mean something
      expect(await s.store.getImpactEdges([], 6, follow)).toEqual([]);
      expect(await s.store.getImpactEdges([ids.get('s0')!], 6, { up: [], down: [] })).toEqual([]);
    });
  });
}
