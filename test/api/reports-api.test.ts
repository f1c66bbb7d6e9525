import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetricsReportView } from '../../src/contracts/report.contracts.js';
import { engines } from '../helpers/engines.js';
import { meta } from '../helpers/fixtures.js';
import { newApi, problemOf, type ApiHarness } from './api-harness.js';

const harness = engines()[0]!;

/*
 * The reports over HTTP: one document answered as JSON, as CSV for a spreadsheet, or as a page to
 * print that runs nothing and fetches nothing; read rights as for the records they show.
 */
describe('reports over HTTP', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await newApi(harness);
    await api.s.cmdb.apply(
      { cis: [{ class: 'server', name: '=cmd|calc', attributes: { environment: '<b>lab</b>' } }], relations: [] },
      meta('a hostile name'),
    );
    await api.s.baselines.create({ name: 'go-live', author: 'erin' });
  });
  afterAll(async () => {
    await api.close();
    await harness.cleanup();
  });

  it('answers status accounting as JSON by default, to a viewer', async () => {
    const res = await api.call('viewer', { url: '/api/v1/reports/cis' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.report).toBe('cis');
    expect(doc.summary[0]).toEqual({ label: 'CIs', value: 7 });
    expect(doc.sections[0].rows).toContainEqual({
      class: 'server',
      status: 'active',
      environment: '<b>lab</b>',
      count: 1,
    });
  });

  it('answers CSV as a file to download, with a formula-looking name written as text', async () => {
    const res = await api.call('viewer', { url: '/api/v1/reports/baselines/go-live?format=csv' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="cairn-baseline-report.csv"');
    const rows = parse(res.body);
    expect(rows[0]).toEqual(['Class', 'Name', 'Status', 'Environment', 'Version since revision', 'Content hash']);
    expect(rows.map((r) => r[1])).toContain("'=cmd|calc");
  });

  it('answers a printable page whose only style is its own, allowed by hash, and that escapes what users typed', async () => {
    const res = await api.call('viewer', { url: '/api/v1/reports/cis/server/web-01?format=html' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const policy = String(res.headers['content-security-policy']);
    expect(policy).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(policy).not.toContain('script-src');
    expect(res.body).toContain('<h1>Configuration item server/web-01</h1>');
    const all = await api.call('viewer', { url: '/api/v1/reports/cis?format=html' });
    expect(all.body).toContain('&#60;b&#62;lab&#60;/b&#62;');
    expect(all.body).not.toContain('<b>lab</b>');
  });

  it('names the unknown baseline, CI or change, and refuses an unknown format naming the field', async () => {
    const baseline = await api.call('viewer', { url: '/api/v1/reports/baselines/nope' });
    expect(baseline.statusCode).toBe(404);
    expect(problemOf(baseline).code).toBe('BASELINE_NOT_FOUND');
    const ci = await api.call('viewer', { url: '/api/v1/reports/cis/server/ghost' });
    expect(problemOf(ci).code).toBe('CI_NOT_FOUND');
    const change = await api.call('viewer', { url: '/api/v1/reports/changes/CHG-9' });
    expect(problemOf(change).code).toBe('CHANGE_NOT_FOUND');
    const format = await api.call('viewer', { url: '/api/v1/reports/changes?format=pdf' });
    expect(format.statusCode).toBe(400);
    expect(problemOf(format).errors?.[0]?.path).toContain('format');
  });

  it('answers change metrics over a period, and names the field of a period it cannot read', async () => {
    const res = await api.call('viewer', { url: '/api/v1/reports/metrics?from=2026-01-01&to=2026-02-01' });
    expect(res.statusCode).toBe(200);
    expect(res.json().title).toBe('Change metrics, 2026-01-01T00:00:00.000Z to 2026-02-01T00:00:00.000Z');
    const bad = await api.call('viewer', { url: '/api/v1/reports/metrics?from=yesterday' });
    expect(bad.statusCode).toBe(400);
    expect(problemOf(bad).errors).toEqual([{ path: 'from', message: 'must be an ISO-8601 time' }]);
  });

  it('answers the metrics of one service as figures and a weekly series, and names a bad interval or service', async () => {
    const url = '/api/v1/reports/metrics?from=2026-11-01&to=2026-12-01&service=application/shop-frontend&interval=week';
    const res = await api.call('viewer', { url });
    expect(res.statusCode).toBe(200);
    const doc = res.json<MetricsReportView>();
    expect(doc.scope).toEqual({
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-12-01T00:00:00.000Z',
      service: 'application/shop-frontend',
      interval: 'week',
      production: 'production',
      incidentsRecorded: true,
    });
    expect(doc.figures.dora).toMatchObject({ deployments: 0, changeFailureRate: null, incidents: 0 });
    expect(doc.figures.change).toMatchObject({ implemented: 0, successRate: null });
    // November 2026 starts on a Sunday: a one-day week, four whole weeks, and Monday the 30th.
    expect(doc.series.map((p) => p.from.slice(0, 10))).toEqual([
      '2026-11-01',
      '2026-11-02',
      '2026-11-09',
      '2026-11-16',
      '2026-11-23',
      '2026-11-30',
    ]);
    expect(doc.series[0]?.dora).toMatchObject({ deployments: 0 });
    expect(doc.sections.map((s) => s.heading)).toContain('Over time');
    const interval = await api.call('viewer', { url: '/api/v1/reports/metrics?interval=year' });
    expect(interval.statusCode).toBe(400);
    expect(problemOf(interval).errors?.[0]?.path).toContain('interval');
    const service = await api.call('viewer', { url: '/api/v1/reports/metrics?service=shop' });
    expect(service.statusCode).toBe(400);
    expect(problemOf(service).errors).toEqual([{ path: 'service', message: 'must be class/name' }]);
    const long = await api.call('viewer', {
      url: '/api/v1/reports/metrics?from=2020-01-01&to=2026-01-01&interval=day',
    });
    expect(problemOf(long).code).toBe('METRICS_SERIES_TOO_LONG');
  });

  it('refuses a caller without credentials', async () => {
    expect((await api.call(null, { url: '/api/v1/reports/changes' })).statusCode).toBe(401);
  });
});
