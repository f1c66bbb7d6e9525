import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../helpers/engines.js';
import { newApi, type ApiHarness } from './api-harness.js';

const sqlite = engines().find((h) => h.engine === 'sqlite')!;
const ui = mkdtempSync(join(tmpdir(), 'cairn-ui-'));
let api: ApiHarness;

beforeAll(async () => {
  mkdirSync(join(ui, 'assets'));
  writeFileSync(join(ui, 'index.html'), '<!doctype html><script type="module" src="/assets/app.js"></script>');
  writeFileSync(join(ui, 'assets', 'app.js'), 'export {};');
  api = await newApi(sqlite, { app: { webUi: { root: ui } } });
});

afterAll(async () => {
  await api.close();
  await sqlite.cleanup();
  rmSync(ui, { recursive: true, force: true });
});

/** The policy's directives by name, e.g. `script-src` → ["'self'"]. */
function directives(header: string | string[] | number | undefined): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of String(header ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) out.set(name, values);
  }
  return out;
}

describe('security headers', () => {
  it('give the web UI a strict Content-Security-Policy: nothing inline, nothing from elsewhere, never framed', async () => {
    const page = await api.call(null, { method: 'GET', url: '/changes' });
    expect(page.statusCode).toBe(200);
    const csp = directives(page.headers['content-security-policy']);
    expect(csp.get('default-src')).toEqual(["'none'"]);
    for (const d of ['script-src', 'connect-src']) expect(csp.get(d)).toEqual(["'self'"]);
    // Besides the page's own files, only an empty inline <style> (the calendar fills it through the CSSOM).
    expect(csp.get('style-src')).toEqual(["'self'", "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('script-src-attr')).toEqual(["'none'"]);
    expect(String(page.headers['content-security-policy'])).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('same-origin');
    expect(page.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(page.headers['strict-transport-security']).toMatch(/max-age=31536000/);
  });

  it('are on every response: API data, problems, assets and the unauthenticated', async () => {
    const responses = [
      await api.call('viewer', { method: 'GET', url: '/api/v1/cis' }),
      await api.call('viewer', { method: 'GET', url: '/api/v1/nothing' }),
      await api.call(null, { method: 'GET', url: '/api/v1/cis' }),
      await api.call(null, { method: 'GET', url: '/assets/app.js' }),
      await api.call(null, { method: 'GET', url: '/healthz' }),
    ];
    expect(responses.map((r) => r.statusCode)).toEqual([200, 404, 401, 200, 200]);
    for (const r of responses) {
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(directives(r.headers['content-security-policy']).get('default-src')).toEqual(["'none'"]);
    }
  });

  it("come with the request id on every answer: data, problems, the unauthenticated, assets and the router's refusals", async () => {
    const headers = { 'x-request-id': 'trace-7' };
    const responses = [
      await api.call('viewer', { method: 'GET', url: '/api/v1/cis', headers }),
      await api.call('viewer', { method: 'GET', url: '/api/v1/nothing', headers }),
      await api.call(null, { method: 'GET', url: '/api/v1/cis', headers }),
      await api.call(null, { method: 'GET', url: '/assets/app.js', headers }),
      await api.call('admin', { method: 'DELETE', url: `/api/v1/tokens/${'a'.repeat(500)}`, headers }),
      await api.call('admin', { method: 'GET', url: '/api/v1/classes/%E0%A4%A', headers }),
    ];
    expect(responses.map((r) => r.statusCode)).toEqual([200, 404, 401, 200, 414, 400]);
    for (const r of responses) expect(r.headers['x-request-id']).toBe('trace-7');
    // One the server made up when none was sent, different for each request.
    const [a, b] = [await api.call('viewer', { url: '/api/v1/cis' }), await api.call('viewer', { url: '/api/v1/cis' })];
    expect(a.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(b.headers['x-request-id']).not.toBe(a.headers['x-request-id']);
  });

  it('are exactly the set helmet answered before they were precomputed, with the pages that set their own policy keeping it', async () => {
    const csp =
      "default-src 'none';script-src 'self';style-src 'self' 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=';" +
      "img-src 'self' data:;font-src 'self';connect-src 'self';manifest-src 'self';frame-ancestors 'none';" +
      "base-uri 'self';form-action 'self';object-src 'none';script-src-attr 'none'";
    // What @fastify/helmet 13 (helmet 8) set with this server's options, taken from its responses.
    const expected = {
      'content-security-policy': csp,
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
      'origin-agent-cluster': '?1',
      'referrer-policy': 'same-origin',
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      'x-content-type-options': 'nosniff',
      'x-dns-prefetch-control': 'off',
      'x-download-options': 'noopen',
      'x-frame-options': 'DENY',
      'x-permitted-cross-domain-policies': 'none',
      'x-xss-protection': '0',
    };
    const securityHeaders = (r: { headers: Record<string, unknown> }) =>
      Object.fromEntries(Object.keys(expected).map((name) => [name, r.headers[name]]));
    const answers = {
      ci: await api.call('viewer', { method: 'GET', url: '/api/v1/cis/database/orders-db' }),
      list: await api.call('viewer', { method: 'GET', url: '/api/v1/cis' }),
      write: await api.call('admin', {
        method: 'PUT',
        url: '/api/v1/cis/software/headers-test',
        payload: { attributes: { version: '1.0' } },
      }),
      notFound: await api.call('viewer', { method: 'GET', url: '/api/v1/nothing' }),
      ciNotFound: await api.call('viewer', { method: 'GET', url: '/api/v1/cis/database/none' }),
      invalid: await api.call('viewer', { method: 'GET', url: '/api/v1/cis?limit=1e3' }),
      anonymous: await api.call(null, { method: 'GET', url: '/api/v1/cis' }),
      forbidden: await api.call('viewer', { method: 'DELETE', url: '/api/v1/cis/database/orders-db' }),
      page: await api.call(null, { method: 'GET', url: '/changes' }),
      asset: await api.call(null, { method: 'GET', url: '/assets/app.js' }),
      health: await api.call(null, { method: 'GET', url: '/healthz' }),
      openapi: await api.call(null, { method: 'GET', url: '/api/openapi.json' }),
      metrics: await api.call(null, { method: 'GET', url: '/metrics' }),
    };
    expect(Object.fromEntries(Object.entries(answers).map(([k, r]) => [k, r.statusCode]))).toEqual({
      ci: 200,
      list: 200,
      write: 201,
      notFound: 404,
      ciNotFound: 404,
      invalid: 400,
      anonymous: 401,
      forbidden: 403,
      page: 200,
      asset: 200,
      health: 200,
      openapi: 200,
      metrics: 200,
    });
    for (const [name, r] of Object.entries(answers))
      expect({ name, ...securityHeaders(r) }).toEqual({ name, ...expected });

    // Pages that need another policy set theirs over the default; every other header stays.
    const report = await api.call('viewer', { method: 'GET', url: '/api/v1/reports/cis?format=html' });
    const docs = await api.call(null, { method: 'GET', url: '/api/docs' });
    for (const r of [report, docs]) {
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-security-policy']).not.toBe(csp);
      expect({ ...securityHeaders(r), 'content-security-policy': csp }).toEqual(expected);
    }
  });

  it('let Swagger UI at /api/docs run with its own policy: inline styles, but no foreign script, no framing, no https upgrade', async () => {
    const docs = await api.call(null, { method: 'GET', url: '/api/docs' });
    expect(docs.statusCode).toBe(200);
    const csp = directives(docs.headers['content-security-policy']);
    expect(csp.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    // Served over plain http, an upgrade would send the page's own fetches to https, where nothing answers.
    expect(csp.has('upgrade-insecure-requests')).toBe(false);
    expect(docs.headers['x-frame-options']).toBe('DENY');
  });
});
