import type { FastifyInstance } from 'fastify';
import { Gauge, Registry } from 'prom-client';
import { HttpSeries } from './http-series.js';

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The Prometheus registry of one app (not prom-client's global one, so that two apps in one
 * process — tests, a CLI serving — keep apart), with the HTTP metrics every request feeds: counts
 * by route, method and status, and a latency histogram by route. Each process exposes its own;
 * Prometheus sums them across processes.
 */
/** One value of a gauge, with its labels (none: the gauge's only value). */
export interface GaugeSample {
  labels?: Record<string, string>;
  value: number;
}

export class HttpMetrics {
  readonly registry = new Registry();
  private readonly http = new HttpSeries(
    this.registry,
    { name: 'cairn_http_requests_total', help: 'HTTP requests answered.' },
    { name: 'cairn_http_request_duration_seconds', help: 'HTTP request latency.' },
    BUCKETS,
  );

  /** Counts a request answered and its latency (see http-series.ts for why not prom-client's own series). */
  observe(method: string, route: string, status: number, seconds: number): void {
    this.http.observe(method, route, status, seconds);
  }

  /**
   * A gauge whose values are read when scraped. `read` gives the samples (a sample left out has no
   * value now, rather than a made-up 0); a read that fails leaves the gauge empty for this scrape.
   */
  gauge(name: string, help: string, labelNames: readonly string[], read: () => Promise<GaugeSample[]>): void {
    new Gauge({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        this.reset();
        // A gauge without labels starts at 0 after a reset; with nothing measured it must show nothing.
        if (labelNames.length === 0) this.remove();
        for (const { labels, value } of await read()) {
          if (labels) this.set(labels, value);
          else this.set(value);
        }
      },
    });
  }

  /** The registry in Prometheus text format. */
  render(): Promise<string> {
    return this.registry.metrics();
  }
}

export function registerMetrics(app: FastifyInstance, metrics: HttpMetrics): void {
  // A callback hook: nothing to wait for, so no promise per request.
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    if (route !== '/metrics') metrics.observe(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
}
