import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../helpers/engines.js';
import { meta } from '../helpers/fixtures.js';
import { newApi, problemOf, type ApiHarness } from './api-harness.js';

const harness = engines()[0]!;
const SERVICE = 'application/shop-frontend';

/*
 * The configuration audit and releases by environment over HTTP: JSON, CSV and the printable page
 * of one document, read rights as for the records they show, and a pipeline token kept out.
 */
describe('configuration audit and releases by environment over HTTP', () => {
  let api: ApiHarness;
  let baselineRev: number;
  beforeAll(async () => {
    api = await newApi(harness);
    baselineRev = (await api.s.baselines.create({ name: 'go-live', author: 'erin' })).rev;
    await api.s.cmdb.apply({ cis: [{ class: 'rack', name: 'r9' }], relations: [] }, meta('a rack, no change'));
    await api.s.releases.create(SERVICE, '1.0.0', {}, 'alice');
    await api.s.releases.approve(SERVICE, '1.0.0', 'rita');
    await api.s.promotions.promote({ service: SERVICE, version: '1.0.0', environment: 'development' }, 'rita');
  });
  afterAll(async () => {
    await api.close();
    await harness.cleanup();
  });

  it('answers the audit of a baseline as JSON to a viewer, the unexplained difference flagged', async () => {
    const res = await api.call('viewer', { url: '/api/v1/reports/audit/go-live' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.report).toBe('audit');
    expect(doc.summary).toContainEqual({ label: 'Unexplained', value: 1 });
    expect(doc.sections[0].rows).toEqual([
      expect.objectContaining({ item: 'rack/r9', difference: 'added', flagged: true, rev: baselineRev + 1 }),
    ]);
  });

  it('audits up to a point, and names the field when that point is before the baseline', async () => {
    const at = await api.call('viewer', { url: `/api/v1/reports/audit/go-live?to=${baselineRev}` });
    expect(at.json().summary).toContainEqual({ label: 'Differences', value: 0 });
    const before = await api.call('viewer', { url: `/api/v1/reports/audit/go-live?to=${baselineRev - 1}` });
    expect(before.statusCode).toBe(400);
    const problem = problemOf(before);
    expect(problem.code).toBe('AUDIT_POINT_BEFORE_BASELINE');
    expect(problem.errors).toEqual([{ path: 'to', message: `must be at or after revision ${baselineRev}` }]);
    expect(problemOf(await api.call('viewer', { url: '/api/v1/reports/audit/nope' })).code).toBe('BASELINE_NOT_FOUND');
  });

  it('answers the audit as CSV, each table under its heading, and as a printable page', async () => {
    const csv = await api.call('viewer', {
      url: '/api/v1/reports/audit/go-live?format=csv',
    });
    expect(csv.headers['content-disposition']).toBe('attachment; filename="cairn-audit-report.csv"');
    const lines: string[][] = parse(csv.body, { relax_column_count: true });
    expect(lines[0]).toEqual(['Differences no change or release explains']);
    expect(lines[1]?.slice(0, 4)).toEqual(['Item', 'Kind', 'Difference', 'Field']);
    expect(lines[2]?.slice(0, 3)).toEqual(['rack/r9', 'CI', 'added']);
    const html = await api.call('viewer', { url: '/api/v1/reports/audit/go-live?format=html' });
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(html.body).toContain('<h1>Configuration audit of baseline go-live</h1>');
  });

  it('answers releases by environment as JSON, CSV and a page', async () => {
    const res = await api.call('viewer', { url: '/api/v1/reports/releases' });
    expect(res.statusCode).toBe(200);
    expect(res.json().sections[0].rows).toEqual([
      { service: SERVICE, 'env:development': '1.0.0', 'env:test': null, 'env:staging': null, 'env:production': null },
    ]);
    const csv: string[][] = parse((await api.call('viewer', { url: '/api/v1/reports/releases?format=csv' })).body, {
      relax_column_count: true,
    });
    expect(csv.slice(0, 3)).toEqual([
      ['Version deployed in each environment'],
      ['Service', 'development', 'test', 'staging', 'production'],
      [SERVICE, '1.0.0', '', '', ''],
    ]);
    const html = await api.call('viewer', { url: '/api/v1/reports/releases?format=html' });
    expect(html.body).toContain('<h1>Releases by environment</h1>');
  });

  it('keeps a pipeline token out of both reports', async () => {
    for (const url of ['/api/v1/reports/audit/go-live', '/api/v1/reports/releases'])
      expect((await api.call('pipeline', { url })).statusCode).toBe(403);
  });
});
