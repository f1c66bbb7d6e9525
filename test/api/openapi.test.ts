import { compileErrors, validate } from '@readme/openapi-parser';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../helpers/engines.js';
import { newApi, type ApiHarness } from './api-harness.js';

type Doc = {
  openapi: string;
  paths: Record<string, Record<string, { responses?: Record<string, unknown>; operationId?: string }>>;
  components?: { schemas?: Record<string, unknown> };
};

/** Every `$ref` in the document, with where it is. */
function refs(node: unknown, at = '#', out: { at: string; ref: string }[] = []): { at: string; ref: string }[] {
  if (Array.isArray(node)) node.forEach((n, i) => refs(n, `${at}/${i}`, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push({ at, ref: v });
      else refs(v, `${at}/${k}`, out);
    }
  }
  return out;
}

function resolve(doc: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  return ref
    .slice(2)
    .split('/')
    .reduce<unknown>(
      (n, part) =>
        n && typeof n === 'object'
          ? (n as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')]
          : undefined,
      doc,
    );
}

const harness = engines()[0]!;

// Validated by an OpenAPI validator, then checked structurally (every route answered, every
// $ref resolved) and every schema compiled with Ajv's JSON Schema 2020-12 (OpenAPI 3.1's dialect).
describe('the OpenAPI document', () => {
  let api: ApiHarness;
  let doc: Doc;
  beforeAll(async () => {
    api = await newApi(harness, { estate: false });
    const res = await api.app.inject({ url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    doc = res.json();
  });
  afterAll(async () => {
    await api.close();
    await harness.cleanup();
  });

  it('is OpenAPI 3.1 and covers every API route with responses', () => {
    expect(doc.openapi).toBe('3.1.0');
    const routes = api.app.printRoutes({ commonPrefix: false });
    for (const path of [
      '/api/v1/cis',
      '/api/v1/cis/{class}/{name}',
      '/api/v1/apply',
      '/api/v1/plan',
      '/api/v1/impact',
      '/api/v1/neighbourhood',
      '/api/v1/cis/{class}/{name}/neighbourhood',
      '/api/v1/revisions',
      '/api/v1/diff',
      '/api/v1/baselines',
      '/api/v1/webhooks',
      '/api/v1/notifications',
      '/api/v1/notification-preferences',
      '/api/v1/changes',
      '/api/v1/session',
      '/healthz',
    ]) {
      expect(doc.paths, path).toHaveProperty([path]);
    }
    expect(routes).toContain('/api/v1/cis');
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        if (!['get', 'put', 'post', 'patch', 'delete'].includes(method)) continue;
        expect(Object.keys(op.responses ?? {}).length, `${method} ${path}`).toBeGreaterThan(0);
        if (path.startsWith('/api/v1') && path !== '/api/v1/session')
          expect(op.responses, `${method} ${path}`).toHaveProperty(['401']);
      }
    }
  });

  it('passes an OpenAPI 3.1 validator', async () => {
    const result = await validate(structuredClone(doc) as never);
    expect(result.valid, compileErrors(result)).toBe(true);
  });

  it('resolves every $ref and holds schemas that compile', () => {
    const all = refs(doc);
    expect(all.length).toBeGreaterThan(0);
    for (const { at, ref } of all) expect(resolve(doc, ref), `${ref} at ${at}`).toBeDefined();
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    ajv.addSchema({ $id: 'openapi', components: doc.components });
    for (const [name, schema] of Object.entries(doc.components?.schemas ?? {}))
      expect(() => ajv.compile({ ...(schema as object), $id: undefined }), name).not.toThrow();
  });

  it('is served with interactive docs', async () => {
    const ui = await api.app.inject({ url: '/api/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toContain('swagger');
  });
});
