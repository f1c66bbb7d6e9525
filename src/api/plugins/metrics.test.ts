import { Counter, Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { HttpMetrics } from './metrics.js';

/** The same metrics kept by prom-client's own Counter and Histogram, as they were before issue 14. */
function promClientMetrics() {
  const registry = new Registry();
  const requests = new Counter({
    name: 'cairn_http_requests_total',
    help: 'HTTP requests answered.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'cairn_http_request_duration_seconds',
    help: 'HTTP request latency.',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return {
    registry,
    observe(method: string, route: string, status: number, seconds: number) {
      requests.inc({ method, route, status: String(status) });
      latency.observe({ method, route }, seconds);
    },
  };
}

describe('HttpMetrics', () => {
  it('counts each route, method and status in a series of its own, and times each route and method', async () => {
    const metrics = new HttpMetrics();
    metrics.observe('GET', '/api/v1/cis/:class/:name', 200, 0.001);
    metrics.observe('GET', '/api/v1/cis/:class/:name', 200, 0.002);
    metrics.observe('GET', '/api/v1/cis/:class/:name', 404, 0.001);
    metrics.observe('PUT', '/api/v1/cis/:class/:name', 200, 0.003);
    metrics.observe('GET', '/api/v1/cis', 200, 0.004);
    const text = await metrics.render();
    const count = (labels: string) => text.match(new RegExp(`cairn_http_requests_total\\{${labels}\\} (\\d+)`))?.[1];
    expect(count('method="GET",route="/api/v1/cis/:class/:name",status="200"')).toBe('2');
    expect(count('method="GET",route="/api/v1/cis/:class/:name",status="404"')).toBe('1');
    expect(count('method="PUT",route="/api/v1/cis/:class/:name",status="200"')).toBe('1');
    expect(count('method="GET",route="/api/v1/cis",status="200"')).toBe('1');
    expect(text).toContain(
      'cairn_http_request_duration_seconds_count{method="GET",route="/api/v1/cis/:class/:name"} 3',
    );
    expect(text).toContain(
      'cairn_http_request_duration_seconds_count{method="PUT",route="/api/v1/cis/:class/:name"} 1',
    );
  });

  it("writes the text and JSON prom-client's own Counter and Histogram write for the same requests", async () => {
    const ours = new HttpMetrics();
    const theirs = promClientMetrics();
    const requests: [string, string, number, number][] = [
      ['GET', '/api/v1/cis/:class/:name', 200, 0.0004],
      ['GET', '/api/v1/cis', 200, 0.005],
      ['GET', '/api/v1/cis/:class/:name', 404, 0.0123],
      ['PUT', '/api/v1/cis/:class/:name', 201, 0.3],
      ['GET', '/api/v1/cis/:class/:name', 200, 12.5],
      ['POST', 'unmatched', 400, 1],
      ['GET', '/odd "route"\\ with\nbreak', 500, 2.5000001],
      ['GET', '/api/v1/cis', 200, 0.1 + 0.2],
    ];
    for (const r of requests) {
      ours.observe(...r);
      theirs.observe(...r);
    }
    expect(await ours.render()).toBe(await theirs.registry.metrics());
    expect(await ours.registry.getMetricsAsJSON()).toEqual(await theirs.registry.getMetricsAsJSON());
  });

  it('writes no series before the first request, as prom-client does', async () => {
    expect(await new HttpMetrics().render()).toBe(await promClientMetrics().registry.metrics());
  });
});
