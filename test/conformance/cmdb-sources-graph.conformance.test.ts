import { afterAll, describe, expect, it } from 'vitest';
import type { DesiredState } from '../../src/core/ci/desired-state.js';
import { createCmdbServices } from '../../src/core/cmdb/cmdb-services.js';
import { engines } from '../helpers/engines.js';
import { makeCi, meta, smallEstate } from '../helpers/fixtures.js';

for (const harness of engines()) {
  describe(`attribute sources on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    it('records which source last set each attribute, readable as of any revision, and honours authority', async () => {
      // discovery owns server.os; nobody else may overwrite it.
      const authority = (cls: string, attr: string, source: string | null) =>
        !(cls === 'server' && attr === 'os' && source !== 'discovery');
      const s = createCmdbServices(await harness.newStore(), { authority });
      await s.cmdb.initialize('t');
      await s.cmdb.apply(
        { cis: [makeCi({ name: 'a', attributes: { cpu: 2 } })], relations: [] },
        { author: 't', source: 'cli' },
      );
      await s.cmdb.apply(
        { cis: [makeCi({ name: 'a', attributes: { os: 'debian-12', cpu: 4 } })], relations: [] },
        { author: 't', source: 'discovery' },
      );
      await s.cmdb.apply(
        { cis: [makeCi({ name: 'a', attributes: { os: 'windows', environment: 'test' } })], relations: [] },
        { author: 't', source: 'import:csv' },
      );
      const now = await s.cmdb.getCi({ class: 'server', name: 'a' });
      expect(now.attributes).toEqual({ cpu: 4, os: 'debian-12', environment: 'test' });
      expect(now.attributeSources).toEqual({ cpu: 'discovery', os: 'discovery', environment: 'import:csv' });
      const then = await s.cmdb.getCi({ class: 'server', name: 'a' }, 2);
      expect(then.attributeSources).toEqual({ cpu: 'cli' });
    });
  });
}

for (const harness of engines()) {
  describe(`history of deleted CIs on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    it('logs a deleted CI and names the ends of relationships that are gone', async () => {
      const s = createCmdbServices(await harness.newStore());
      await s.cmdb.initialize('t');
      await s.cmdb.apply(smallEstate(), meta());
      await s.cmdb.apply({ cis: [{ class: 'rack', name: 'r1', attributes: { u_height: 48 } }], relations: [] }, meta());
      await s.cmdb.deleteCis([{ class: 'rack', name: 'r1' }], meta());
      expect((await s.history.log({ ref: { class: 'rack', name: 'r1' }, limit: 10 })).map((r) => r.rev)).toEqual([
        4, 3, 2,
      ]);
      const diff = await s.history.diff(2, 4);
      expect(diff.relations.removed.map((r) => r.ref)).toEqual(['rack/r1 contains server/web-01']);
      await expect(s.history.log({ ref: { class: 'rack', name: 'never' }, limit: 10 })).rejects.toThrow(
        'rack/never does not exist and never did',
      );
    });
  });
}

for (const harness of engines()) {
  describe(`in-memory impact graph on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    /** The small estate (and `more`) with services over the store alone and over a loaded graph kept in step. */
    async function estateWithGraph(more?: DesiredState) {
      const { GraphSync } = await import('../../src/core/graph/graph-sync.js');
      const store = await harness.newStore();
      const plain = createCmdbServices(store);
      await plain.cmdb.initialize('t');
      await plain.cmdb.apply(smallEstate(), meta());
      if (more) await plain.cmdb.apply(more, meta());
      const sync = new GraphSync(store);
      await sync.load();
      const withGraph = createCmdbServices(store, { graph: sync.graph });
      withGraph.cmdb.onCommit((rev, writes) => sync.onCommit(rev, writes));
      return { plain, withGraph, sync, store };
    }

    /** The store, each call of its methods noted by name (the real store underneath: watched, not replaced). */
    function watched<T extends object>(store: T): { store: T; calls: string[] } {
      const calls: string[] = [];
      const proxy = new Proxy(store, {
        get(target, key, receiver) {
          const value = Reflect.get(target, key, receiver) as unknown;
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            calls.push(String(key));
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        },
      });
      return { store: proxy, calls };
    }

    it('answers impact on the current state from the loaded graph and the model it caches: no read of the store', async () => {
      const { plain, sync, store } = await estateWithGraph();
      const counted = watched(store);
      const services = createCmdbServices(counted.store, { graph: sync.graph });
      const root = [{ class: 'rack', name: 'r1' }];
      // The first report reads the model, which is cached from then on.
      const first = await services.impact.impactOf(root);
      counted.calls.length = 0;
      expect(await services.impact.impactOf(root)).toEqual(first);
      const rackId = (await plain.cmdb.getCi(root[0]!)).id;
      expect(await services.impact.impactOfIds([rackId], 6)).toMatchObject({ count: first.count });
      expect(counted.calls).toEqual([]);
      expect(first).toEqual(await plain.impact.impactOf(root));
      expect(first.count).toBe(3);
    });

    it("reads the model as of the graph's state: a change of impact made elsewhere counts once caught up", async () => {
      const { plain, withGraph, sync } = await estateWithGraph();
      const root = [{ class: 'rack', name: 'r1' }];
      expect((await withGraph.impact.impactOf(root)).count).toBe(3);
      // Another process (services the graph is not told of) turns `contains` around: a rack no
      // longer affects what it holds.
      await plain.cmdb.apply(
        {
          relationTypes: [{ name: 'contains', inverse: 'contained_in', impact: 'target-to-source' }],
          cis: [],
          relations: [],
        },
        meta(),
      );
      await sync.catchUp();
      const after = await withGraph.impact.impactOf(root);
      expect(after).toEqual(await plain.impact.impactOf(root));
      expect(after.count).toBe(0);
    });

    it('finds in the store a root the graph does not hold yet, and refuses one that does not exist', async () => {
      const { plain, withGraph } = await estateWithGraph();
      await plain.cmdb.apply({ cis: [makeCi({ name: 'web-11' })], relations: [] }, meta());
      expect(await withGraph.impact.impactOf([{ class: 'server', name: 'web-11' }])).toMatchObject({
        root: 'server/web-11',
        count: 0,
      });
      await expect(withGraph.impact.impactOf([{ class: 'server', name: 'web-99' }])).rejects.toMatchObject({
        code: 'CI_NOT_FOUND',
      });
    });

    it('answers like the store, follows later commits, and names CIs without a query', async () => {
      const { plain, withGraph, sync } = await estateWithGraph();
      const root = [{ class: 'rack', name: 'r1' }];
      expect(await withGraph.impact.impactOf(root)).toEqual(await plain.impact.impactOf(root));
      await withGraph.cmdb.apply(
        { cis: [makeCi({ name: 'web-09' })], relations: [{ type: 'contains', from: 'rack/r1', to: 'server/web-09' }] },
        meta(),
      );
      const after = await withGraph.impact.impactOf(root);
      expect(after.impacted.map((i) => i.ref)).toContain('server/web-09');
      expect(after).toEqual(await plain.impact.impactOf(root));
      const web09 = await plain.cmdb.getCi({ class: 'server', name: 'web-09' });
      expect(sync.graph.refOf(web09.id)).toBe('server/web-09');
    });

    it('names an impacted CI whose name holds slashes by its whole reference and its class, as the store does', async () => {
      const { plain, withGraph } = await estateWithGraph({
        cis: [makeCi({ name: 'dc1/rack-2/web-10' })],
        relations: [{ type: 'contains', from: 'rack/r1', to: 'server/dc1/rack-2/web-10' }],
      });
      const root = [{ class: 'rack', name: 'r1' }];
      for (const services of [withGraph, plain]) {
        const report = await services.impact.impactOf(root);
        const hit = report.impacted.find((i) => i.ref === 'server/dc1/rack-2/web-10');
        expect(hit).toMatchObject({ class: 'server', path: ['rack/r1', 'server/dc1/rack-2/web-10'] });
      }
      expect(await withGraph.impact.impactOf(root)).toEqual(await plain.impact.impactOf(root));
    });
  });
}
