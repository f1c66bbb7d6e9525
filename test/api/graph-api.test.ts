import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../helpers/engines.js';
import { newApi, problemOf, type ApiHarness } from './api-harness.js';

const refsOf = (body: { nodes: { ref: string }[] }) => body.nodes.map((n) => n.ref);

for (const harness of engines()) {
  describe(`the neighbourhood API on ${harness.engine}`, () => {
    let api: ApiHarness;
    beforeAll(async () => {
      api = await newApi(harness);
    });
    afterAll(async () => {
      await api.close();
      await harness.cleanup();
    });

    it('answers one CI’s neighbourhood now and as of a point, the nearest first', async () => {
      const res = await api.call('viewer', { url: '/api/v1/cis/server/web-01/neighbourhood?depth=1' });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ roots: ['server/web-01'], depth: 1, limit: 500, truncated: false });
      expect(refsOf(body)).toEqual(['server/web-01', 'application/shop-frontend', 'rack/r1']);
      expect(body.nodes[1]).toEqual({
        ref: 'application/shop-frontend',
        class: 'application',
        depth: 1,
        impacted: true,
      });
      await api.call('configuration_manager', {
        method: 'POST',
        url: '/api/v1/apply',
        payload: {
          cis: [{ class: 'server', name: 'web-09', attributes: { environment: 'production', cpu: 2 } }],
          relations: [{ type: 'runs_on', from: 'application/shop-frontend', to: 'server/web-09' }],
        },
      });
      const later = (await api.call('viewer', { url: '/api/v1/cis/application/shop-frontend/neighbourhood' })).json();
      expect(refsOf(later)).toContain('server/web-09');
      const before = (
        await api.call('viewer', { url: `/api/v1/cis/application/shop-frontend/neighbourhood?at=${body.revision}` })
      ).json();
      expect(refsOf(before)).not.toContain('server/web-09');
      expect(before.revision).toBe(body.revision);
    });

    it('answers several CIs at once (a change’s), cut at the limit with truncated set', async () => {
      const body = (
        await api.call('viewer', { url: '/api/v1/neighbourhood?ci=rack/r1&ci=database/orders-db&depth=2&limit=4' })
      ).json();
      expect(body.roots).toEqual(['rack/r1', 'database/orders-db']);
      expect(body.missing).toEqual([]);
      expect(body.nodes).toHaveLength(4);
      expect(body.truncated).toBe(true);
      // A CI a change would create does not exist yet: it is named, not a 404.
      const planned = (await api.call('viewer', { url: '/api/v1/neighbourhood?ci=server/web-99&ci=rack/r1' })).json();
      expect(planned).toMatchObject({ roots: ['rack/r1'], missing: ['server/web-99'] });
    });

    it('refuses bad input naming the field, an unknown CI, and a caller without a token', async () => {
      const deep = problemOf(await api.call('viewer', { url: '/api/v1/cis/server/web-01/neighbourhood?depth=9' }));
      expect(deep).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
      expect(deep.errors![0]!.path).toBe('querystring.depth');
      const many = problemOf(await api.call('viewer', { url: '/api/v1/neighbourhood?ci=server/web-01&limit=5000' }));
      expect(many.errors![0]!.path).toBe('querystring.limit');
      const noRef = problemOf(await api.call('viewer', { url: '/api/v1/neighbourhood?ci=web-01' }));
      expect(noRef.errors![0]!.path).toMatch(/^querystring\.ci/);
      expect(problemOf(await api.call('viewer', { url: '/api/v1/neighbourhood' })).status).toBe(400);
      const missing = problemOf(await api.call('viewer', { url: '/api/v1/cis/server/nope/neighbourhood' }));
      expect(missing).toMatchObject({ status: 404, code: 'CI_NOT_FOUND' });
      expect((await api.call(null, { url: '/api/v1/cis/server/web-01/neighbourhood' })).statusCode).toBe(401);
    });
  });
}
