import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCmdbServices } from '../../src/core/cmdb/cmdb-services.js';
import { openStore } from '../../src/store/connect.js';
import { toCiView } from '../../src/core/ci/ci.types.js';
import { engines } from '../helpers/engines.js';
import { makeCi, meta } from '../helpers/fixtures.js';
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

for (const harness of engines()) {
  describe(`GET one CI, kept while the CMDB does not change (${harness.engine})`, () => {
    let api: ApiHarness;
    /** The database the server runs on, which another store opens too. */
    let dbUrl: string;
    const url = '/api/v1/cis/server/lab-01';
    /** A CI outside production: written without a change. */
    const lab = (cpu: number) => makeCi({ name: 'lab-01', attributes: { environment: 'development', cpu } });
    const get = async () => {
      const res = await api.call('viewer', { method: 'GET', url });
      expect(res.statusCode).toBe(200);
      return { etag: res.headers.etag, cpu: res.json<{ attributes: { cpu: number } }>().attributes.cpu };
    };

    beforeAll(async () => {
      dbUrl = await harness.newDatabaseUrl();
      api = await newApi({ ...harness, newStore: () => openStore(dbUrl) });
      await api.s.cmdb.apply({ cis: [lab(2)], relations: [] }, meta('lab'));
    });
    afterAll(async () => {
      await api.close();
      await api.store.close();
      await harness.cleanup();
    });

    it('answers again without reading the CI on SQLite, where the store can tell nothing changed', async () => {
      await get();
      const reads = vi.spyOn(api.s.cmdb, 'getCi');
      try {
        expect((await get()).cpu).toBe(2);
        expect(reads).toHaveBeenCalledTimes(harness.engine === 'sqlite' ? 0 : 1);
      } finally {
        reads.mockRestore();
      }
    });

    it("answers this server's own write at once", async () => {
      const before = await get();
      await api.s.cmdb.apply({ cis: [lab(6)], relations: [] }, meta('six'));
      const after = await get();
      expect(after.cpu).toBe(6);
      expect(after.etag).not.toBe(before.etag);
    });

    it('answers a write by another connection to the same database at once', async () => {
      const before = await get();
      // Another process's store on the same database: a `cairn import` beside the server.
      const other = createCmdbServices(await openStore(dbUrl));
      try {
        await other.cmdb.apply({ cis: [lab(12)], relations: [] }, meta('12'));
      } finally {
        await other.store.close();
      }
      const after = await get();
      expect(after.cpu).toBe(12);
      expect(after.etag).not.toBe(before.etag);
    });
  });
}
