import { afterAll, describe, expect, it } from 'vitest';
import { createCmdbServices } from '../../src/core/cmdb/cmdb-services.js';
import { fixedClock } from '../../src/core/shared/clock.js';
import { engines } from '../helpers/engines.js';
import { meta, smallEstate } from '../helpers/fixtures.js';

const collect = async <T>(pages: AsyncIterable<T[]>, sizes: number[]): Promise<T[]> => {
  const out: T[] = [];
  for await (const page of pages) {
    sizes.push(page.length);
    out.push(...page);
  }
  return out;
};

for (const harness of engines()) {
  describe(`the scans a graph loads from, on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    it('read every current CI and relationship once, in pages no larger than asked, relationships by source', async () => {
      const store = await harness.newStore();
      const s = createCmdbServices(store, { clock: fixedClock('2026-03-01T09:00:00.000Z', 1000) });
      await s.cmdb.initialize('tester');
      await s.cmdb.apply(smallEstate(), meta('estate'));
      // One source with seven relationships of two types: pages of 2 end inside its run of them.
      const names = Array.from({ length: 5 }, (_, i) => `node-${i}`);
      await s.cmdb.apply(
        {
          cis: names.map((name) => ({ class: 'server', name })),
          relations: [
            ...names.map((n) => ({ type: 'runs_on', from: 'application/shop-frontend', to: `server/${n}` })),
            ...names
              .slice(0, 2)
              .map((n) => ({ type: 'depends_on', from: 'application/shop-frontend', to: `server/${n}` })),
          ],
        },
        meta('many'),
      );
      await s.cmdb.deleteCis([{ class: 'server', name: 'node-4' }], meta('one gone'));

      const sizes: number[] = [];
      const cis = await collect(store.scanCurrentCis(2), sizes);
      const edges = await collect(store.scanCurrentRelations(2), sizes);
      expect(Math.max(...sizes)).toBeLessThanOrEqual(2);

      const current = await store.listCis({ limit: 1000 });
      expect(cis.map((c) => `${c.id} ${c.class}/${c.name}`).sort()).toEqual(
        current.map((c) => `${c.id} ${c.class}/${c.name}`).sort(),
      );
      expect(cis.map((c) => c.id)).toEqual(cis.map((c) => c.id).sort());

      const key = (e: { sourceId: string; type: string; targetId: string }) => `${e.sourceId} ${e.type} ${e.targetId}`;
      const relations = await store.listRelations({ limit: 1000 });
      expect(relations.length).toBeGreaterThan(8);
      expect(edges.map(key)).toEqual(relations.map(key).sort());
      expect(edges.some((e) => e.targetId === current.find((c) => c.name === 'node-4')?.id)).toBe(false);
    });
  });
}
