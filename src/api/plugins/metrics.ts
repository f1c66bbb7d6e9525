import type { FastifyInstance } from 'fastify';

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface Series {
  count: number;
  sum: number;
  buckets: number[];
}

/**
 * Prometheus metrics kept in process: request counts by route, method and status, and a latency
 * histogram by route. Each process exposes its own; Prometheus sums them across processes.
 */
export class HttpMetrics {
  private readonly requests = new Map<string, number>();
  private readonly latency = new Map<string, Series>();

  observe(method: string, route: string, status: number, seconds: number): void {
    const key = `method="${method}",route="${escape(route)}",status="${status}"`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    const lk = `method="${method}",route="${escape(route)}"`;
    let s = this.latency.get(lk);
    if (!s) this.latency.set(lk, (s = { count: 0, sum: 0, buckets: BUCKETS.map(() => 0) }));
    s.count++;
    s.sum += seconds;
    for (let i = 0; i < BUCKETS.length; i++) if (seconds <= BUCKETS[i]!) s.buckets[i]!++;
  }

  render(): string {
    const out = [
      '# HELP cairn_http_requests_total HTTP requests answered.',
      '# TYPE cairn_http_requests_total counter',
    ];
    for (const [k, v] of this.requests) out.push(`cairn_http_requests_total{${k}} ${v}`);
    out.push(
      '# HELP cairn_http_request_duration_seconds HTTP request latency.',
      '# TYPE cairn_http_request_duration_seconds histogram',
    );
    for (const [k, s] of this.latency) {
      BUCKETS.forEach((b, i) => out.push(`cairn_http_request_duration_seconds_bucket{${k},le="${b}"} ${s.buckets[i]}`));
      out.push(`cairn_http_request_duration_seconds_bucket{${k},le="+Inf"} ${s.count}`);
      out.push(`cairn_http_request_duration_seconds_sum{${k}} ${s.sum}`);
      out.push(`cairn_http_request_duration_seconds_count{${k}} ${s.count}`);
    }
    return out.join('\n');
  }
}

export function registerMetrics(app: FastifyInstance, metrics: HttpMetrics): void {
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    if (route === '/metrics') return;
    metrics.observe(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
  });
}

/** A gauge in Prometheus text, one line per label set. */
export function gauge(
  name: string,
  help: string,
  values: { labels?: Record<string, string>; value: number }[],
): string {
  const lines = [`# HELP ${name} ${help}`, `# TYPE ${name} gauge`];
  for (const v of values) {
    const labels = v.labels
      ? `{${Object.entries(v.labels)
          .map(([k, x]) => `${k}="${escape(x)}"`)
          .join(',')}}`
      : '';
    lines.push(`${name}${labels} ${v.value}`);
  }
  return lines.join('\n');
}

function escape(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
