import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.js';
import { createApiServices, type ApiServices } from '../../src/api/services.js';
import { engines } from '../helpers/engines.js';
import { newApi, type ApiHarness } from './api-harness.js';

/** Impact and neighbourhood reads of the current state whose answers must not depend on the graph being loaded. */
const READS = [
  '/api/v1/impact?ci=server/web-01&depth=6',
  '/api/v1/impact?ci=rack/r1&depth=3',
  '/api/v1/impact?ci=server/web-09',
  '/api/v1/cis/application/shop-frontend/neighbourhood?depth=2',
  '/api/v1/neighbourhood?ci=rack/r1&ci=database/orders-db&depth=2',
];

for (const harness of engines()) {
  describe(`a server still loading its impact graph, on ${harness.engine}`, () => {
    /** The server that wrote the estate (its graph kept in step by its own commits). */
    let first: ApiHarness;
    /** A server started on that database afterwards, its graph not loaded yet. */
    let s: ApiServices;
    let app: FastifyInstance;
    beforeAll(async () => {
      first = await newApi(harness);
      s = await createApiServices(first.store, { pollIntervalMs: 50 });
      app = await buildApp({ services: s, logger: false });
    });
    afterAll(async () => {
      await s.jobs.stop();
      await app.close();
      await first.close();
      await harness.cleanup();
    });

    const answers = async () =>
      Promise.all(
        READS.map(async (url) => {
          const res = await app.inject({ url, headers: first.as('viewer') });
          expect(res.statusCode, url).toBe(200);
          return res.json<unknown>();
        }),
      );

    it('answers impact and neighbourhood from the store, exactly as from the loaded graph', async () => {
      expect(s.graphSync.graph.ready).toBe(false);
      // A write while the graph is not loaded: the store's answers have it, and so must the graph's.
      const applied = await app.inject({
        method: 'POST',
        url: '/api/v1/apply',
        headers: first.as('configuration_manager'),
        payload: {
          cis: [{ class: 'server', name: 'web-09', attributes: { environment: 'production', cpu: 2 } }],
          relations: [{ type: 'runs_on', from: 'application/shop-frontend', to: 'server/web-09' }],
        },
      });
      expect(applied.statusCode).toBe(200);
      const fromStore = await answers();
      const web09 = fromStore[2] as { impacted: { ref: string }[] };
      expect(web09.impacted.map((i) => i.ref)).toContain('application/shop-frontend');
      const web01 = fromStore[0] as { count: number };
      expect(web01.count).toBeGreaterThan(0);

      await s.graphSync.load();
      expect(s.graphSync.graph.ready).toBe(true);
      expect(await answers()).toEqual(fromStore);
    });
  });
}
