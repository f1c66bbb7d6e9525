import { describe, expect, it } from 'vitest';
import { HttpMetrics } from './metrics.js';

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
});
