import { Counter, type Metric, type Registry } from 'prom-client';

/** One route, method and status: requests answered. */
interface CountSeries {
  labels: { method: string; route: string; status: string };
  count: number;
}

/** One route and method: the latency histogram's counts per bucket (not cumulative), sum and count. */
interface LatencySeries {
  labels: { method: string; route: string };
  perBucket: number[];
  sum: number;
  count: number;
}

/** The series of one route and method. */
interface RouteMethod {
  latency: LatencySeries;
  byStatus: Map<number, CountSeries>;
}

/**
 * The HTTP metrics' numbers, kept as plain numbers that each request adds to, and handed to
 * prom-client only when scraped. prom-client's own series hash their label object on every
 * increment and every observation, even through a child bound to its labels: 5 µs of every
 * request's CPU in the API profile (issue 14). The text scraped is prom-client's: the counter
 * is a prom-client Counter filled at collection, the histogram a metric of prom-client's shape
 * (the values its Histogram gives the registry) formatted by the registry.
 */
export class HttpSeries {
  private readonly counts: CountSeries[] = [];
  private readonly latencies: LatencySeries[] = [];
  /** By route, then method: the same strings on every request, so no key is built per request. */
  private readonly byRoute = new Map<
    string,
    Map<string, { latency: LatencySeries; byStatus: Map<number, CountSeries> }>
  >();

  constructor(
    registry: Registry,
    requests: { name: string; help: string },
    latency: { name: string; help: string },
    private readonly buckets: readonly number[],
  ) {
    const counts = this.counts;
    new Counter({
      ...requests,
      labelNames: ['method', 'route', 'status'] as const,
      registers: [registry],
      collect() {
        this.reset();
        for (const s of counts) this.inc(s.labels, s.count);
      },
    });
    registry.registerMetric(latencyMetric(latency.name, latency.help, buckets, this.latencies));
  }

  observe(method: string, route: string, status: number, seconds: number): void {
    let byMethod = this.byRoute.get(route);
    if (!byMethod) this.byRoute.set(route, (byMethod = new Map<string, RouteMethod>()));
    let one = byMethod.get(method);
    if (!one) {
      const latency = { labels: { method, route }, perBucket: this.buckets.map(() => 0), sum: 0, count: 0 };
      this.latencies.push(latency);
      byMethod.set(method, (one = { latency, byStatus: new Map<number, CountSeries>() }));
    }
    let counted = one.byStatus.get(status);
    if (!counted) {
      counted = { labels: { method, route, status: String(status) }, count: 0 };
      this.counts.push(counted);
      one.byStatus.set(status, counted);
    }
    counted.count++;
    const l = one.latency;
    l.sum += seconds;
    l.count++;
    // prom-client's rule: the first bucket whose bound is at least the value; past the last, +Inf only.
    for (let i = 0; i < this.buckets.length; i++) {
      if (seconds <= this.buckets[i]!) {
        l.perBucket[i]!++;
        break;
      }
    }
  }
}

/** A histogram metric as prom-client's Histogram presents itself to a registry, read from `series`. */
function latencyMetric(name: string, help: string, buckets: readonly number[], series: LatencySeries[]): Metric {
  // As Histogram.getForPromString: per series its cumulative buckets, +Inf, sum and count, the
  // series' labels given as shared labels after `le`.
  const values = () =>
    series.flatMap((s) => {
      let acc = 0;
      const out: {
        labels: Record<string, string | number>;
        sharedLabels: Record<string, string>;
        value: number;
        metricName: string;
        /** prom-client's Histogram gives its buckets a null exemplar (none kept), its sum and count none. */
        exemplar?: null;
      }[] = buckets.map((le, i) => ({
        labels: { le },
        sharedLabels: s.labels,
        value: (acc += s.perBucket[i]!),
        metricName: `${name}_bucket`,
        exemplar: null,
      }));
      out.push(
        {
          labels: { le: '+Inf' },
          sharedLabels: s.labels,
          value: s.count,
          metricName: `${name}_bucket`,
          exemplar: null,
        },
        { labels: {}, sharedLabels: s.labels, value: s.sum, metricName: `${name}_sum` },
        { labels: {}, sharedLabels: s.labels, value: s.count, metricName: `${name}_count` },
      );
      return out;
    });
  const metric = {
    name,
    help,
    type: 'histogram',
    aggregator: 'sum',
    getForPromString: () => Promise.resolve({ name, help, type: 'histogram', values: values(), aggregator: 'sum' }),
    // As Histogram.get: the shared labels folded into each value's own.
    get: () =>
      Promise.resolve({
        name,
        help,
        type: 'histogram',
        aggregator: 'sum',
        values: values().map(({ sharedLabels, labels, ...rest }) => ({
          ...rest,
          labels: { ...labels, ...sharedLabels },
        })),
      }),
    reset: () => {
      for (const s of series) {
        s.perBucket.fill(0);
        s.sum = 0;
        s.count = 0;
      }
    },
  };
  return metric as unknown as Metric;
}
