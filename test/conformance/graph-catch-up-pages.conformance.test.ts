import { afterAll, describe, expect, it } from 'vitest';
import { createCmdbServices } from '../../src/core/cmdb/cmdb-services.js';
import { GraphSync } from '../../src/core/graph/graph-sync.js';
import type { GraphChanges } from '../../src/core/revision/revision.types.js';
import { fixedClock } from '../../src/core/shared/clock.js';
import type { KyselyCmdbStore } from '../../src/store/connect.js';
import { engines } from '../helpers/engines.js';
import { meta, smallEstate } from '../helpers/fixtures.js';

/** The graph's view of the store, remembering each page of changes it was handed. */
function watched(store: KyselyCmdbStore) {
  const pages: GraphChanges[] = [];
  const source = {
    head: () => store.head(),
    scanCurrentCis: (n: number) => store.scanCurrentCis(n),
    scanCurrentRelations: (n: number) => store.scanCurrentRelations(n),
    async *graphChangesBetween(fromRev: number, toRev: number, pageSize: number) {
      for await (const page of store.graphChangesBetween(fromRev, toRev, pageSize)) {
        pages.push(page);
        yield page;
      }
    },
  };
  return { source, pages };
}

/** Every CI's ref and every edge the graph holds, in a fixed order. */
async function contents(sync: GraphSync, store: KyselyCmdbStore, ids: string[]) {
  const refs = ids.map((id) => `${id} ${sync.graph.refOf(id) ?? '-'}`).sort();
  const edges = sync.graph
    .edgesTouchingSync(ids)
    .map((e) => `${e.sourceId} ${e.type} ${e.targetId}`)
    .sort();
  const current: unknown[] = [];
  for await (const page of store.scanCurrentCis(1000)) current.push(...page);
  return { refs, edges: [...new Set(edges)], current: current.length };
}

for (const harness of engines()) {
  describe(`the graph's catch-up reads a revision larger than its page in pages, on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    it('ends where a fresh load ends, reading no page larger than asked', async () => {
      const store = await harness.newStore();
      // No graph given: these writes do not reach the sync below, as another process's would not.
      const s = createCmdbServices(store, { clock: fixedClock('2026-03-01T09:00:00.000Z', 1000) });
      await s.cmdb.initialize('tester');
      await s.cmdb.apply(smallEstate(), meta('estate'));
      const { source, pages } = watched(store);
      const sync = new GraphSync(source, undefined, 2);
      await sync.load();
      const names = Array.from({ length: 7 }, (_, i) => `node-${i}`);
      // One revision of 7 CIs and 7 relationships (one replacing another's attributes), pages of 2.
      await s.cmdb.apply(
        {
          cis: names.map((name) => ({ class: 'server', name })),
          relations: [
            ...names
              .slice(0, 6)
              .map((n) => ({ type: 'runs_on', from: 'application/shop-frontend', to: `server/${n}` })),
            {
              type: 'depends_on',
              from: 'business_service/shop',
              to: 'application/shop-frontend',
              attributes: { a: 1 },
            },
          ],
        },
        meta('many'),
      );
      await s.cmdb.deleteCis(
        [
          { class: 'rack', name: 'r1' },
          { class: 'server', name: 'node-6' },
        ],
        meta('two gone'),
      );
      await sync.catchUp();

      expect(pages.length).toBeGreaterThanOrEqual(8);
      for (const p of pages)
        expect(
          p.cisBefore.length + p.cisAfter.length + p.relationsBefore.length + p.relationsAfter.length,
        ).toBeLessThanOrEqual(2);
      const begun = pages.flatMap((p) => p.cisAfter.map((c) => c.name));
      expect(begun.sort()).toEqual(names.slice(0, 6));
      expect(pages.flatMap((p) => p.relationsAfter)).toHaveLength(7);

      const fresh = new GraphSync(store);
      await fresh.load();
      const ids: string[] = [];
      for await (const page of store.scanCurrentCis(1000)) ids.push(...page.map((c) => c.id));
      const removed = pages.flatMap((p) => p.cisBefore.map((c) => c.id));
      const all = [...ids, ...removed];
      expect(sync.revision).toBe(fresh.revision);
      expect(await contents(sync, store, all)).toEqual(await contents(fresh, store, all));
      const app = (await s.cmdb.getCi({ class: 'application', name: 'shop-frontend' })).id;
      const node5 = (await s.cmdb.getCi({ class: 'server', name: 'node-5' })).id;
      expect((await contents(sync, store, all)).edges).toContain(`${app} runs_on ${node5}`);
      expect(sync.graph.refOf(node5)).toBe('server/node-5');
    });
  });
}
