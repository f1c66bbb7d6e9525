import { afterAll, describe, expect, it } from 'vitest';
import { createCmdbServices } from '../../src/core/cmdb/cmdb-services.js';
import { GraphSync } from '../../src/core/graph/graph-sync.js';
import { engines } from '../helpers/engines.js';
import { makeCi, meta, smallEstate } from '../helpers/fixtures.js';

const web01 = [{ class: 'server', name: 'web-01' }];
const refs = (r: { nodes: { ref: string }[] }) => r.nodes.map((n) => n.ref);

for (const harness of engines()) {
  describe(`the neighbourhood of CIs on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    it('answers the current state from memory like the store does, and a past state from the store', async () => {
      const store = await harness.newStore();
      const plain = createCmdbServices(store);
      await plain.cmdb.initialize('t');
      await plain.cmdb.apply(smallEstate(), meta()); // revision 2
      const sync = new GraphSync(store);
      await sync.load();
      const withGraph = createCmdbServices(store, { graph: sync.graph });
      withGraph.cmdb.onCommit((rev, writes) => sync.onCommit(rev, writes));

      const now = await withGraph.neighbourhood.neighbourhoodOf(web01, { depth: 2 });
      expect(now).toEqual(await plain.neighbourhood.neighbourhoodOf(web01, { depth: 2 }));
      expect(now).toMatchObject({ roots: ['server/web-01'], depth: 2, revision: 2, limit: 500, truncated: false });
      expect(now.nodes).toEqual([
        { ref: 'server/web-01', class: 'server', depth: 0, impacted: false },
        // the application runs on web-01: a change to web-01 affects it; the rack only contains web-01.
        { ref: 'application/shop-frontend', class: 'application', depth: 1, impacted: true },
        { ref: 'rack/r1', class: 'rack', depth: 1, impacted: false },
        { ref: 'business_service/shop', class: 'business_service', depth: 2, impacted: true },
        { ref: 'database/orders-db', class: 'database', depth: 2, impacted: false },
        { ref: 'linux_server/web-02', class: 'linux_server', depth: 2, impacted: false },
      ]);
      expect(now.edges).toEqual([
        { type: 'depends_on', from: 'application/shop-frontend', to: 'database/orders-db' },
        { type: 'runs_on', from: 'application/shop-frontend', to: 'linux_server/web-02' },
        { type: 'runs_on', from: 'application/shop-frontend', to: 'server/web-01' },
        { type: 'depends_on', from: 'business_service/shop', to: 'application/shop-frontend' },
        { type: 'contains', from: 'rack/r1', to: 'server/web-01' },
      ]);

      // Later commits: a server joins the rack (3), the database is deleted (4).
      await withGraph.cmdb.apply(
        { cis: [makeCi({ name: 'web-09' })], relations: [{ type: 'contains', from: 'rack/r1', to: 'server/web-09' }] },
        meta(),
      );
      await withGraph.cmdb.deleteCis([{ class: 'database', name: 'orders-db' }], meta());
      const later = await withGraph.neighbourhood.neighbourhoodOf(web01, { depth: 2 });
      expect(later).toEqual(await plain.neighbourhood.neighbourhoodOf(web01, { depth: 2 }));
      expect(later.revision).toBe(4);
      expect(refs(later)).toContain('server/web-09');
      expect(refs(later)).not.toContain('database/orders-db');

      const then = await withGraph.neighbourhood.neighbourhoodOf(web01, { depth: 2, at: 2 });
      expect(then).toEqual({ ...now, revision: 2 });
    });

    it('keeps the nearest CIs within the limit and says the answer was cut; joins several roots', async () => {
      const store = await harness.newStore();
      const s = createCmdbServices(store);
      await s.cmdb.initialize('t');
      await s.cmdb.apply(smallEstate(), meta());
      const cut = await s.neighbourhood.neighbourhoodOf(web01, { depth: 3, limit: 3 });
      expect(cut.truncated).toBe(true);
      expect(cut.nodes).toHaveLength(3);
      expect(cut.nodes.every((n) => n.depth <= 1)).toBe(true);
      expect(cut.edges.every((e) => refs(cut).includes(e.from) && refs(cut).includes(e.to))).toBe(true);
      const exact = await s.neighbourhood.neighbourhoodOf(web01, { depth: 1, limit: 3 });
      expect(exact.truncated).toBe(false);

      const both = await s.neighbourhood.neighbourhoodOf(
        [
          { class: 'rack', name: 'r1' },
          { class: 'database', name: 'orders-db' },
        ],
        { depth: 1 },
      );
      expect(both.roots).toEqual(['rack/r1', 'database/orders-db']);
      expect(both.missing).toEqual([]);
      expect(refs(both).sort()).toEqual([
        'application/shop-frontend',
        'database/orders-db',
        'rack/r1',
        'server/web-01',
      ]);
    });

    it('refuses a depth or limit out of range and a CI that does not exist at that point', async () => {
      const store = await harness.newStore();
      const s = createCmdbServices(store);
      await s.cmdb.initialize('t');
      await s.cmdb.apply(smallEstate(), meta());
      await expect(s.neighbourhood.neighbourhoodOf(web01, { depth: 7 })).rejects.toMatchObject({
        code: 'INVALID_DEPTH',
      });
      await expect(s.neighbourhood.neighbourhoodOf(web01, { limit: 0 })).rejects.toMatchObject({
        code: 'INVALID_LIMIT',
      });
      await expect(s.neighbourhood.neighbourhoodOf(web01, { at: 1 })).rejects.toMatchObject({
        code: 'CI_NOT_FOUND',
      });
      // A change's CIs: one it would create is named as missing, the others answered.
      const planned = await s.neighbourhood.neighbourhoodOf([{ class: 'server', name: 'web-99' }, ...web01], {
        depth: 1,
        skipMissing: true,
      });
      expect(planned.roots).toEqual(['server/web-01']);
      expect(planned.missing).toEqual(['server/web-99']);
      expect(refs(planned)).toEqual(['server/web-01', 'application/shop-frontend', 'rack/r1']);
    });
  });
}
