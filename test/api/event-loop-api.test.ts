import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SLICE } from '../../src/core/shared/pace.js';
import { engines } from '../helpers/engines.js';
import { newApi, type ApiHarness } from './api-harness.js';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

for (const harness of engines()) {
  describe(`the event loop during a large request on ${harness.engine}`, () => {
    let api: ApiHarness;
    // Set when a large request reaches its handler: from then on, its work is the core's.
    const started = new Set<string>();
    beforeAll(async () => {
      const watch = (app: FastifyInstance) =>
        app.addHook('preHandler', async (req) => {
          if (req.method === 'POST') started.add(req.url.split('?')[0]!);
        });
      api = await newApi(harness, { app: { extraRoutes: [watch] } });
    });
    afterAll(async () => {
      await api.close();
      await harness.cleanup();
    });

    const servers = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ class: 'server', name: `bulk-${i}`, attributes: { cpu: 1 + (i % 8) } }));

    /**
     * Sends a large request, and /healthz one after another (each on a later turn of the event loop)
     * until it is answered; counts the health answers that came after the request reached its
     * handler and before it was answered. Ordering, not timing: a request computed in one go
     * lets none through, whatever the machine's speed.
     */
    async function healthDuring(url: string, payload: object): Promise<{ status: number; answered: number }> {
      started.clear();
      let done = false;
      const big = api.call('configuration_manager', { method: 'POST', url, payload }).finally(() => (done = true));
      let answered = 0;
      while (!done) {
        await nextTurn();
        const during = started.has(url);
        const health = await api.app.inject({ url: '/healthz' });
        expect(health.statusCode).toBe(200);
        if (during && !done) answered++;
      }
      return { status: (await big).statusCode, answered };
    }

    it('/healthz answers while a plan of many CIs is computed', async () => {
      const { status, answered } = await healthDuring('/api/v1/plan', { cis: servers(5 * SLICE) });
      expect(status).toBe(200);
      expect(answered).toBeGreaterThan(0);
    });

    it('/healthz answers while many CIs are applied, and the apply is one revision', async () => {
      const before = (await api.s.history.head()).rev;
      const { status, answered } = await healthDuring('/api/v1/apply', { cis: servers(5 * SLICE) });
      expect(status).toBe(200);
      expect(answered).toBeGreaterThan(0);
      expect((await api.s.history.head()).rev).toBe(before + 1);
    });

    it('/healthz answers while many CIs are imported', async () => {
      const { status, answered } = await healthDuring('/api/v1/import', {
        source: 'bulk',
        cis: servers(5 * SLICE).map((c) => ({ ...c, attributes: { cpu: 9 } })),
        relations: [],
      });
      expect(status).toBe(200);
      expect(answered).toBeGreaterThan(0);
    });

    it('/healthz answers while a large observation is checked for drift', async () => {
      const { status, answered } = await healthDuring('/api/v1/drift/check', {
        source: 'bulk',
        observed: { cis: servers(5 * SLICE).map((c) => ({ ...c, attributes: { cpu: 3 } })) },
      });
      expect(status).toBe(200);
      expect(answered).toBeGreaterThan(0);
    });
  });
}
