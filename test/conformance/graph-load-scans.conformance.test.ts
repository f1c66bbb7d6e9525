import { afterAll, describe, expect, it } from 'vitest';
import { KEY_PART_SEPARATOR, KEY_SEPARATOR } from '../../src/core/ci/ci.types.js';
import { createCmdbServices } from '../../src/core/cmdb/cmdb-services.js';
import { GraphSync } from '../../src/core/graph/graph-sync.js';
import { MemoryGraph } from '../../src/core/graph/memory-graph.js';
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

    it('read every current CI and relationship once, in pages no larger than asked, relationships by source, as rows and as texts', async () => {
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

      // The same relationships as texts, a page of at most 2 each, in the same order.
      const texts: string[] = [];
      for await (const text of store.scanCurrentEdgeTexts(2)) texts.push(text);
      const records = texts.map((t) => t.split(KEY_SEPARATOR));
      expect(Math.max(...records.map((r) => r.length))).toBe(2);
      expect(records.flat().map((r) => r.split(KEY_PART_SEPARATOR).join(' '))).toEqual(edges.map(key));

      // The same CIs as texts, `id US class US name`, a page of at most 2 each, the pages in id order.
      const nameTexts: string[] = [];
      for await (const text of store.scanCurrentNameTexts(2)) nameTexts.push(text);
      const nameRecords = nameTexts.map((t) => t.split(KEY_SEPARATOR).map((r) => r.split(KEY_PART_SEPARATOR)));
      expect(Math.max(...nameRecords.map((r) => r.length))).toBe(2);
      expect(
        nameRecords
          .flat()
          .map(([id, cls, name]) => `${id} ${cls}/${name}`)
          .sort(),
      ).toEqual(cis.map((c) => `${c.id} ${c.class}/${c.name}`).sort());
      const pageIds = nameRecords.map((page) => page.map(([id]) => id!).sort());
      for (let p = 1; p < pageIds.length; p++) expect(pageIds[p - 1]!.at(-1)! < pageIds[p]![0]!).toBe(true);

      // A graph loaded from the texts answers as one built from the rows.
      const loaded = new GraphSync(store);
      await loaded.load(2);
      const built = new MemoryGraph();
      for (const c of cis) built.setName(c.id, c.class, c.name);
      for (const e of edges) built.add(e);
      const ids = cis.map((c) => c.id);
      expect(loaded.graph.edgesTouchingSync(ids).map(key)).toEqual(built.edgesTouchingSync(ids).map(key));
      expect(ids.map((id) => loaded.graph.refOf(id))).toEqual(ids.map((id) => built.refOf(id)));
      expect(loaded.graph.size).toBe(built.size);
    });
  });
}
