import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCiView } from '../../src/core/ci/ci.types.js';
import { engines } from '../helpers/engines.js';
import { meta } from '../helpers/fixtures.js';
import { newApi, type ApiHarness } from './api-harness.js';
import { schemaJson } from '../helpers/ci-view-schema.js';

const ATTRIBUTES: Record<string, Record<string, unknown>> = {
  plain: { version: '1.2', cpu: 4, ok: true, list: [1, 'two', { three: 3 }], none: null },
  'index-keys': { b: 1, 10: 'ten', 2: 'two', nested: { 1: 1, z: 0 } },
  escapes: { 'quote"key': 'a "quoted" \\ path\ttab', emoji: 'café 🚀', multi: 'line one\nline two' },
  'line-keys': { 'two\nlines': 1, kept: 'yes' },
};

for (const harness of engines()) {
  describe(`GET one CI answers the bytes its schema writes (${harness.engine})`, () => {
    let api: ApiHarness;

    beforeAll(async () => {
      api = await newApi(harness);
      await api.s.cmdb.apply(
        {
          cis: Object.entries(ATTRIBUTES).map(([name, attributes]) => ({
            class: 'software',
            name,
            attributes,
            labels: { team: 'web', 'odd"label': 'ü' },
          })),
          relations: [],
        },
        meta('tricky values'),
      );
    });
    afterAll(async () => {
      await api.close();
      await harness.cleanup();
    });

    it.each(Object.keys(ATTRIBUTES))('%s', async (name) => {
      const res = await api.call('viewer', { method: 'GET', url: `/api/v1/cis/software/${name}` });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      const ci = await api.s.cmdb.getCi({ class: 'software', name });
      expect(res.headers.etag).toBe(`"${ci.revFrom}"`);
      expect(res.body).toBe(await schemaJson(toCiView(ci)));
    });
  });
}
