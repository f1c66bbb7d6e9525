import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { MAX_ITEMS_PER_REQUEST, MAX_VALUE_CHARS, MAX_VALUE_DEPTH } from '../../src/core/shared/limits.js';
import { engines } from '../helpers/engines.js';
import { newApi, problemOf, type ApiHarness } from './api-harness.js';

/** A value nested `levels` deep: `[[[…"x"…]]]`, written as JSON text (the parser never sees it whole). */
const nestedText = (levels: number) => `${'['.repeat(levels)}"x"${']'.repeat(levels)}`;
const nested = (levels: number): unknown => JSON.parse(nestedText(levels));

for (const harness of engines()) {
  describe(`input limits on ${harness.engine}`, () => {
    let api: ApiHarness;
    beforeAll(async () => {
      api = await newApi(harness);
    });
    afterAll(async () => {
      await api.close();
      await harness.cleanup();
    });

    const head = async () => (await api.s.history.head()).rev;
    const putCi = (name: string, bodyText: string) =>
      api.call('configuration_manager', {
        method: 'PUT',
        url: `/api/v1/cis/software/${name}`,
        headers: { 'content-type': 'application/json' },
        payload: bodyText,
      });

    it.each([1000, 10_000, 1_000_000])(
      'an attribute nested %s levels deep is a 400 INPUT_TOO_DEEP, nothing is written, and ?attr= queries still answer',
      async (levels) => {
        const before = await head();
        const res = await putCi('deep', `{"attributes":{"deep":${nestedText(levels)}}}`);
        expect(problemOf(res)).toMatchObject({ status: 400, code: 'INPUT_TOO_DEEP', errors: [{ path: 'body' }] });
        expect(await head()).toBe(before);
        const found = await api.call('viewer', {
          url: `/api/v1/cis?attr=${encodeURIComponent('environment=production')}`,
        });
        expect(found.statusCode).toBe(200);
        const old = await api.call('viewer', {
          url: `/api/v1/cis?at=1&attr=${encodeURIComponent('environment=production')}`,
        });
        expect(old.statusCode).toBe(200);
      },
    );

    it('an attribute value deeper than the core limit is refused naming the attribute; at the limit it is stored', async () => {
      const over = await api.call('configuration_manager', {
        method: 'PUT',
        url: '/api/v1/cis/software/deep-core',
        payload: { attributes: { deep: nested(MAX_VALUE_DEPTH + 1) } },
      });
      const p = problemOf(over);
      expect(p).toMatchObject({ status: 400, code: 'INVALID_DOCUMENT' });
      expect(p.errors).toEqual([{ path: 'cis[0].attributes.deep', message: expect.stringContaining('levels deep') }]);
      const at = await api.call('configuration_manager', {
        method: 'PUT',
        url: '/api/v1/cis/software/deep-ok',
        payload: { attributes: { deep: nested(MAX_VALUE_DEPTH) } },
      });
      expect(at.statusCode).toBe(201);
      const found = await api.call('viewer', { url: `/api/v1/cis?attr=${encodeURIComponent('deep=1')}` });
      expect(found.statusCode).toBe(200);
    });

    it('one attribute value over 1 MiB is refused naming it, and nothing is written', async () => {
      const before = await head();
      const res = await api.call('configuration_manager', {
        method: 'POST',
        url: '/api/v1/apply',
        payload: { cis: [{ class: 'software', name: 'big', attributes: { blob: 'x'.repeat(MAX_VALUE_CHARS) } }] },
      });
      const p = problemOf(res);
      expect(p).toMatchObject({ status: 400, code: 'INVALID_DOCUMENT' });
      expect(p.errors).toEqual([{ path: 'cis[0].attributes.blob', message: expect.stringContaining('1 MiB') }]);
      expect(await head()).toBe(before);
    });

    it('one CI over 2 MiB in all is refused naming the CI, each value being under its own limit', async () => {
      const third = 'x'.repeat(MAX_VALUE_CHARS - 100);
      const res = await api.call('configuration_manager', {
        method: 'POST',
        url: '/api/v1/plan',
        payload: { cis: [{ class: 'software', name: 'big', attributes: { a: third, b: third, c: third } }] },
      });
      expect(problemOf(res)).toMatchObject({
        status: 400,
        code: 'INVALID_DOCUMENT',
        errors: [{ path: 'cis[0]', message: expect.stringContaining('2 MiB') }],
      });
    });

    it('an import record over the limits is reported by its position, as the CLI reads it', async () => {
      const res = await api.call('configuration_manager', {
        method: 'POST',
        url: '/api/v1/import',
        payload: {
          source: 'test',
          dryRun: true,
          cis: [{ class: 'software', name: 'deep', attributes: { deep: nested(MAX_VALUE_DEPTH + 1) } }],
          relations: [],
        },
      });
      expect(JSON.stringify(res.json())).toContain('levels deep');
      expect(res.statusCode).toBeLessThan(500);
    });

    it.each(['/api/v1/plan', '/api/v1/apply', '/api/v1/import'])(
      '%s refuses a list of more than the items allowed in one request, naming it',
      async (url) => {
        const before = await head();
        const cis = Array.from({ length: MAX_ITEMS_PER_REQUEST + 1 }, () => ({}));
        const res = await api.call('configuration_manager', {
          method: 'POST',
          url,
          payload: url.endsWith('import') ? { source: 'test', cis, relations: [] } : { cis },
        });
        const p = problemOf(res);
        expect(p).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
        expect(p.errors!.map((e) => e.path)).toContain('body.cis');
        expect(await head()).toBe(before);
      },
    );

    it('a body over 16 MiB is a 413', async () => {
      const res = await api.call('configuration_manager', {
        method: 'POST',
        url: '/api/v1/plan',
        headers: { 'content-type': 'application/json' },
        payload: `{"cis":[{"class":"software","name":"x","attributes":{"a":"${'x'.repeat(16 * 1024 * 1024)}"}}]}`,
      });
      expect(problemOf(res)).toMatchObject({ status: 413 });
    });
  });
}

describe('a value stored before inputs were bounded', () => {
  const [sqlite] = engines();
  afterAll(() => sqlite!.cleanup());

  it('a row nested 1 000 levels deep on SQLite does not break ?attr= queries, current or as of a past revision', async () => {
    const api = await newApi(sqlite!);
    try {
      const deep = JSON.stringify({ environment: 'production', deep: nested(1000) });
      await sql`update ci_versions set attributes = ${deep} where name = 'web-01'`.execute(api.store.kysely);
      for (const at of ['', '&at=1']) {
        const res = await api.call('viewer', {
          url: `/api/v1/cis?attr=${encodeURIComponent('environment=production')}${at}`,
        });
        expect(res.statusCode).toBe(200);
      }
    } finally {
      await api.close();
    }
  });
});
