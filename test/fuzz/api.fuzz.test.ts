import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../helpers/engines.js';
import { newApi, type ApiHarness } from '../api/api-harness.js';
import { FUZZ_SEED, runs, SUITE_TIMEOUT_MS } from './fuzz-settings.js';
import { malformedBodyText, toJsonText } from './hostile-values.js';
import { fromSchema, hostileParam, type Schema } from './schema-inputs.js';

interface Parameter {
  in: 'path' | 'query' | 'header';
  name: string;
  schema?: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}
type OpenApi = { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } };

interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

/** Percent-encodes text; a lone surrogate (which encodeURIComponent refuses) goes as the raw bytes a client could send. */
function encode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return text.replace(/[^A-Za-z0-9]/g, (c) => `%${(c.charCodeAt(0) & 0xff).toString(16).padStart(2, '0')}`);
  }
}

/** Header values a client can send at all (no control characters, Latin-1 only). */
const headerSafe = (s: string) => /^[\x20-\x7e]*$/.test(s);

function requestsFor(doc: OpenApi, method: string, path: string, op: Operation): fc.Arbitrary<FuzzRequest> {
  const resolve = (ref: string) => doc.components?.schemas?.[ref.replace('#/components/schemas/', '')] ?? {};
  const params = op.parameters ?? [];
  const pathParams = params.filter((p) => p.in === 'path');
  const queryParams = params.filter((p) => p.in === 'query');
  const headerParams = params.filter((p) => p.in === 'header');
  const bodySchema = op.requestBody?.content?.['application/json']?.schema;
  const json = (s: Schema | undefined) => fromSchema(s, resolve).map(toJsonText);
  const body: fc.Arbitrary<string | undefined> = op.requestBody
    ? fc.oneof({ weight: 5, arbitrary: json(bodySchema) }, { weight: 1, arbitrary: malformedBodyText })
    : fc.oneof({ weight: 5, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: malformedBodyText });
  return fc
    .record({
      path: fc.tuple(...pathParams.map(() => hostileParam)),
      query: fc.array(
        fc.tuple(fc.oneof(fc.constantFrom(...queryParams.map((p) => p.name), 'unknown'), hostileParam), hostileParam),
        { maxLength: queryParams.length + 1 },
      ),
      headers: fc.tuple(...headerParams.map(() => fc.option(hostileParam.filter(headerSafe)))),
      contentType: fc.constantFrom(
        'application/json',
        'application/json',
        'application/json',
        'application/json; charset=utf-8',
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/json; charset=latin1',
      ),
      body,
    })
    .map(({ path: values, query, headers, contentType, body: payload }) => {
      let url = path;
      pathParams.forEach((p, i) => (url = url.replace(`{${p.name}}`, encode(values[i]!))));
      if (query.length > 0) url += '?' + query.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&');
      const h: Record<string, string> = {};
      headerParams.forEach((p, i) => {
        if (headers[i] !== null && headers[i] !== undefined) h[p.name] = headers[i];
      });
      if (payload !== undefined) h['content-type'] = contentType;
      return { method: method.toUpperCase(), url, headers: h, payload };
    });
}

const show = (r: FuzzRequest) =>
  `${r.method} ${r.url.slice(0, 300)} ${JSON.stringify(r.headers)} ${(r.payload ?? '').slice(0, 300)}`;

/**
 * Every operation the server publishes in its OpenAPI document, fed hostile path, query, header and
 * body values (schema-shaped with hostile leaves, wrong types, unknown fields, malformed and
 * non-JSON bodies, huge and deeply nested values, SQL metacharacters, awkward Unicode), as an
 * admin (so that requests reach validation and the core rather than stopping at a 403). Each
 * answer is below 500; each refusal is a problem document and leaves the head revision where it was.
 */
const harness = engines()[0]!;

describe('API fuzzing (every operation of the OpenAPI document)', () => {
  let api: ApiHarness;
  let doc: OpenApi;
  beforeAll(async () => {
    api = await newApi(harness);
    doc = (await api.app.inject({ url: '/api/openapi.json' })).json();
  });
  afterAll(async () => {
    await api.close();
    await harness.cleanup();
  });

  it(
    'answers every hostile request with a success or a 4xx problem, and writes nothing on refusal',
    async () => {
      const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
        Object.entries(ops).map(([method, op]) => ({ path, method, op })),
      );
      expect(operations.length).toBeGreaterThan(50);
      for (const { path, method, op } of operations) {
        await fc.assert(
          fc.asyncProperty(requestsFor(doc, method, path, op), async (req) => {
            const before = await api.s.history.headRev();
            const res = await api.call('admin', req);
            const what = `${show(req)} → ${res.statusCode} ${res.body.slice(0, 300)}`;
            expect(res.statusCode, what).toBeLessThan(500);
            if (res.statusCode >= 400) {
              expect(String(res.headers['content-type']), what).toMatch(/^application\/problem\+json/);
              expect(await api.s.history.headRev(), what).toBe(before);
            }
          }),
          { numRuns: runs(5), seed: FUZZ_SEED },
        );
      }
    },
    2 * SUITE_TIMEOUT_MS,
  );
});
