import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../helpers/engines.js';
import { newApi, problemOf, type ApiHarness } from './api-harness.js';

for (const harness of engines()) {
  describe(`bounded query inputs on ${harness.engine}`, () => {
    let api: ApiHarness;
    beforeAll(async () => {
      api = await newApi(harness);
    });
    afterAll(async () => {
      await api.close();
      await harness.cleanup();
    });

    it.each([
      ['/api/v1/cis', 'Infinity'],
      ['/api/v1/revisions', 'Infinity'],
      ['/api/v1/drift/findings', 'Infinity'],
      ['/api/v1/cis', '-Infinity'],
      ['/api/v1/cis', '1e3'],
      ['/api/v1/cis', '0x10'],
      ['/api/v1/cis', '1.5'],
      ['/api/v1/drift/findings', '100000'],
    ])('%s?limit=%s is a 400 naming querystring.limit', async (url, limit) => {
      const p = problemOf(await api.call('viewer', { url: `${url}?limit=${limit}` }));
      expect(p).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
      expect(p.errors!.map((e) => e.path)).toContain('querystring.limit');
    });

    it.each([100_000, 1001, 0, Number.POSITIVE_INFINITY, 2.5])(
      'the drift list refuses a page of %s in the core too, as the CLI on a local database calls it',
      async (limit) => {
        await expect(api.s.drift.findings({ limit })).rejects.toMatchObject({
          code: 'INVALID_LIMIT',
          fields: [{ path: 'limit' }],
        });
      },
    );

    it.each(['/api/v1/cis', '/api/v1/revisions', '/api/v1/drift/findings'])('%s?limit=1000 is a page', async (url) => {
      expect((await api.call('viewer', { url: `${url}?limit=1000` })).statusCode).toBe(200);
    });

    it.each([
      ['a key ending in a backslash', 'a\\', 'x'],
      ['a backslash inside a key', 'b\\c', 'z'],
      ['a double quote in a key', 'q"k', 'y'],
      ['a backslash before a quote', 'r\\"s', 'w'],
    ])('filters on %s, matching the key exactly on both engines', async (_, key, value) => {
      const attributes = { 'a\\': 'x', 'b\\c': 'z', 'q"k': 'y', 'r\\"s': 'w' };
      await api.call('configuration_manager', {
        method: 'PUT',
        url: '/api/v1/cis/software/odd-keys',
        payload: { attributes },
      });
      const found = await api.call('viewer', { url: `/api/v1/cis?attr=${encodeURIComponent(`${key}=${value}`)}` });
      expect(found.statusCode).toBe(200);
      expect(found.json<{ items: { name: string }[] }>().items.map((c) => c.name)).toEqual(['odd-keys']);
      const other = await api.call('viewer', { url: `/api/v1/cis?attr=${encodeURIComponent(`${key}\\=${value}`)}` });
      expect(other.statusCode).toBe(200);
      expect(other.json<{ items: unknown[] }>().items).toEqual([]);
    });

    it.each([
      ['/api/v1/cab/agenda?date=2026-02-30', 'INVALID_DATE'],
      ['/api/v1/cab/agenda?date=2026-04-31', 'INVALID_DATE'],
      ['/api/v1/cis?at=2026-02-30', 'INVALID_TIME'],
      ['/api/v1/cis?at=2026-01-01T24:00:00Z', 'INVALID_TIME'],
    ])('%s (a date that does not exist) is a 400 %s', async (url, code) => {
      expect(problemOf(await api.call('admin', { url }))).toMatchObject({ status: 400, code });
    });

    it.each([
      [
        'an ISO expiry',
        { name: 'feb30', role: 'viewer', expires: '2030-02-30T00:00:00Z' },
        '/api/v1/tokens',
        'INVALID_EXPIRY',
      ],
    ])('refuses %s that does not exist', async (_, payload, url, code) => {
      expect(problemOf(await api.call('admin', { method: 'POST', url, payload }))).toMatchObject({ status: 400, code });
    });
  });
}
