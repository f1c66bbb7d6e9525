import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions } from 'fastify';
import { engines } from '../helpers/engines.js';
import { newApi, problemOf, type ApiHarness } from './api-harness.js';

const cm = 'configuration_manager' as const;
const LONE = '\ud800';
const NUL = '\u0000';

/** Requests carrying text that cannot be stored as sent, and the field each must be refused for. */
const REQUESTS: [string, 'configuration_manager' | 'requester' | 'admin', InjectOptions, string][] = [
  [
    'a lone surrogate in a CI name',
    cm,
    { method: 'POST', url: '/api/v1/apply', payload: { cis: [{ class: 'software', name: `x${LONE}` }] } },
    'body.cis[0].name',
  ],
  [
    'a lone surrogate in an attribute',
    cm,
    { method: 'PUT', url: '/api/v1/cis/software/s1', payload: { attributes: { version: `1${LONE}` } } },
    'body.attributes.version',
  ],
  [
    'a lone low surrogate in a label',
    cm,
    { method: 'PUT', url: '/api/v1/cis/software/s1', payload: { labels: { team: '\udc00' } } },
    'body.labels.team',
  ],
  [
    'a lone surrogate in a revision message',
    cm,
    {
      method: 'POST',
      url: '/api/v1/apply',
      payload: { cis: [{ class: 'software', name: 's2' }], message: `add ${LONE}` },
    },
    'body.message',
  ],
  [
    'NUL in an attribute',
    cm,
    { method: 'PUT', url: '/api/v1/cis/software/s1', payload: { attributes: { version: `1${NUL}` } } },
    'body.attributes.version',
  ],
  [
    'NUL in a revision message',
    cm,
    {
      method: 'POST',
      url: '/api/v1/apply',
      payload: { cis: [{ class: 'software', name: 's3' }], message: `a${NUL}b` },
    },
    'body.message',
  ],
  [
    'NUL in a CI name in the path',
    cm,
    { method: 'PUT', url: '/api/v1/cis/software/a%00b', payload: { attributes: { version: '1' } } },
    'params.name',
  ],
  [
    'NUL in a query filter',
    'configuration_manager',
    { method: 'GET', url: '/api/v1/cis?attr=version%3D%00' },
    'querystring.attr',
  ],
  [
    'NUL in a change title',
    'requester',
    {
      method: 'POST',
      url: '/api/v1/changes',
      payload: {
        type: 'normal',
        title: `t${NUL}`,
        window: { start: '2030-12-01T22:00:00Z', end: '2030-12-01T23:00:00Z' },
        plan: { cis: [] },
      },
    },
    'body.title',
  ],
  [
    'a lone surrogate in a webhook URL',
    'admin',
    { method: 'POST', url: '/api/v1/webhooks', payload: { url: `http://127.0.0.1:1/${LONE}`, events: ['change.*'] } },
    'body.url',
  ],
];

for (const harness of engines()) {
  describe(`text that cannot be stored as sent, on ${harness.engine}`, () => {
    let api: ApiHarness;
    let head: number;
    beforeAll(async () => {
      api = await newApi(harness);
      head = await api.s.history.headRev();
    });
    afterAll(async () => {
      await api.close();
      await harness.cleanup();
    });

    it.each(REQUESTS)('refuses %s with 400 INVALID_TEXT naming the field', async (_, role, request, path) => {
      const p = problemOf(await api.call(role, request));
      expect(p).toMatchObject({ status: 400, code: 'INVALID_TEXT' });
      expect(p.errors!.map((e) => e.path)).toContain(path);
    });

    it('takes well-formed text beyond ASCII, surrogate pairs included', async () => {
      const res = await api.call(cm, {
        method: 'PUT',
        url: '/api/v1/cis/software/emoji',
        payload: { attributes: { version: 'Zürich 東京 🗄️' }, message: 'ok 🚀' },
      });
      expect(res.statusCode).toBe(201);
    });

    it('refuses the same in the core, which the CLI and local commands call directly', async () => {
      const before = await api.s.history.headRev();
      await expect(
        api.s.cmdb.apply({ cis: [{ class: 'software', name: `y${LONE}` }] }, { author: 'cli' }),
      ).rejects.toMatchObject({ code: 'INVALID_DOCUMENT', fields: [{ path: 'cis[0].name' }] });
      await expect(
        api.s.cmdb.apply({ cis: [{ class: 'software', name: 'y', labels: { k: NUL } }] }, { author: 'cli' }),
      ).rejects.toMatchObject({ code: 'INVALID_DOCUMENT', fields: [{ path: 'cis[0].labels.k' }] });
      await expect(
        api.s.cmdb.apply({ cis: [{ class: 'software', name: 'y' }] }, { author: 'cli', message: `m${LONE}` }),
      ).rejects.toMatchObject({ code: 'INVALID_TEXT', fields: [{ path: 'message' }] });
      expect(await api.s.history.headRev()).toBe(before);
    });

    it('wrote nothing it refused, and the audit chain still verifies', async () => {
      expect(await api.s.history.headRev()).toBe(head + 1); // only the well-formed CI
      expect((await api.s.audit.verify()).ok).toBe(true);
    });
  });
}
