import type { ChangeStore } from '../change/change.port.js';
import type { Change } from '../change/change.types.js';
import { parseRef } from '../ci/desired-state.js';
import { defaultEnvironments } from '../policy/environments.js';
import type { DeploymentReader } from '../release/deployment.port.js';
import type { ReleaseStore } from '../release/release.port.js';
import type { Clock } from '../shared/clock.js';
import { InputError } from '../shared/errors.js';
import { changeMetrics, type Period } from './change-metrics.js';
import { doraMetrics, releaseKey, type DoraMetrics, type DoraRecords } from './dora-metrics.js';
import type { IncidentSource } from './incident-source.port.js';
import { intervalOf, periodsOf, type MetricInterval } from './metric-intervals.js';
import { metricsDocument, type MetricsDocument, type MetricsFigures, type MetricsPoint } from './metrics-document.js';
import { periodOf } from './period.js';

/** How many changes one read takes. */
const PAGE = 1000;
const DAY = 86_400_000;
/** The window the live figures (Prometheus gauges) measure, up to now. */
export const RECENT_DAYS = 30;
/** How long live figures are reused before the records are read again. */
const RECENT_TTL_MS = 60_000;

/** The figures of the last RECENT_DAYS days: overall, and the DORA measures of each deployed service. */
export interface RecentFigures extends MetricsFigures {
  services: { service: string; dora: DoraMetrics }[];
}

/** What to measure: a period (default the 30 days up to now), one service or all, and a series interval. */
export interface MetricsQuery {
  from?: string;
  to?: string;
  service?: string;
  interval?: MetricInterval;
}

/** Every record a measure needs, read once for a query. */
interface MetricsRecords extends DoraRecords {
  changes: Change[];
  unauthorized: { at: string; retrospectiveChange: string | null }[];
}

/**
 * The change figures and the four DORA measures, overall or per service, for a period and as a
 * series over it. The records are read once per query; each figure is worked out from them by the
 * pure functions in change-metrics.ts and dora-metrics.ts.
 */
export class MetricsService {
  private recentCache: { at: number; figures: Promise<RecentFigures> } | undefined;

  constructor(
    private readonly deps: {
      changes: ChangeStore;
      deployments: DeploymentReader;
      releases: ReleaseStore;
      /** Absent until an incident store is wired: incident figures are then null. */
      incidents?: IncidentSource;
      clock: Clock;
    },
  ) {}

  /** The metrics report of the query. */
  async report(query: MetricsQuery = {}): Promise<MetricsDocument> {
    const now = this.deps.clock.now().getTime();
    const period = periodOf({
      from: query.from ?? new Date(now - 30 * 86_400_000).toISOString(),
      to: query.to ?? new Date(now).toISOString(),
    });
    const service = query.service === undefined ? undefined : serviceOf(query.service);
    const interval = intervalOf(query.interval);
    const pieces = interval === undefined ? [] : periodsOf(period, interval);
    const records = await this.records(service);
    const series: MetricsPoint[] = pieces.map((p) => ({ ...p, ...figuresOf(records, p) }));
    return metricsDocument(
      {
        ...period,
        service: service ?? null,
        interval: interval ?? null,
        production: records.production,
        incidentsRecorded: records.incidents !== null,
      },
      figuresOf(records, period),
      series,
      new Date(now).toISOString(),
    );
  }

  /**
   * The figures of the last 30 days, overall and per service, for scrapes: read once a minute at
   * most (concurrent callers share one read), so that a scrape does not read the history each time.
   */
  recent(): Promise<RecentFigures> {
    const now = this.deps.clock.now().getTime();
    if (this.recentCache && now - this.recentCache.at < RECENT_TTL_MS) return this.recentCache.figures;
    const figures = this.measureRecent(now);
    this.recentCache = { at: now, figures };
    // A failed read is not remembered: the next scrape tries again.
    figures.catch(() => {
      if (this.recentCache?.figures === figures) this.recentCache = undefined;
    });
    return figures;
  }

  private async measureRecent(now: number): Promise<RecentFigures> {
    const period = { from: new Date(now - RECENT_DAYS * DAY).toISOString(), to: new Date(now).toISOString() };
    const records = await this.records(undefined);
    const services = [...new Set(records.deployments.map((d) => d.service))].sort();
    return {
      ...figuresOf(records, period),
      services: services.map((service) => ({
        service,
        dora: doraMetrics(
          {
            ...records,
            deployments: records.deployments.filter((d) => d.service === service),
            incidents: records.incidents?.filter((i) => i.service === service) ?? null,
          },
          period,
        ),
      })),
    };
  }

  private async records(service: string | undefined): Promise<MetricsRecords> {
    const environments =
      (await this.deps.changes.currentEnvironments())?.environments ?? defaultEnvironments().environments;
    const production = environments.at(-1)?.name ?? 'production';
    const [deployments, releases, incidents, unauthorized] = await Promise.all([
      this.deps.deployments.listDeployments({ service, environment: production }),
      this.deps.releases.list({ service }),
      this.deps.incidents ? this.deps.incidents.incidentsOf(service) : Promise.resolve(null),
      this.deps.changes.listUnauthorized({ open: false }),
    ]);
    const changes = await this.changesOf(
      service,
      deployments.flatMap((d) => (d.change === null ? [] : [d.change])),
    );
    return {
      production,
      deployments,
      releaseCreated: new Map(releases.map((r) => [releaseKey(r.service, r.version), r.createdAt])),
      incidents,
      changes,
      unauthorized: service === undefined ? unauthorized : unauthorized.filter((u) => u.cis.includes(service)),
    };
  }

  /**
   * Every change, or a service's: those whose plan touches its CI, and those that authorized a
   * deployment of it (a release's change may name the service only through the deployment).
   */
  private async changesOf(service: string | undefined, deployedBy: string[]): Promise<Change[]> {
    const changes: Change[] = [];
    for (let afterId: number | undefined; ;) {
      const page = await this.deps.changes.listChanges({ afterId, limit: PAGE, ci: service });
      changes.push(...page);
      const last = page[page.length - 1];
      if (page.length < PAGE || !last) break;
      afterId = last.id;
    }
    if (service === undefined) return changes;
    const known = new Set(changes.map((c) => c.ref));
    for (const ref of new Set(deployedBy)) {
      if (known.has(ref)) continue;
      const found = await this.deps.changes.getChange(Number(ref.replace(/^CHG-/, '')));
      if (found) changes.push(found);
    }
    return changes;
  }
}

/** The figures of one period from the records. */
function figuresOf(records: MetricsRecords, period: Period): MetricsFigures {
  const { from: _from, to: _to, ...change } = changeMetrics(records.changes, records.unauthorized, period);
  return { change, dora: doraMetrics(records, period) };
}

function serviceOf(text: string): string {
  if (parseRef(text) === undefined)
    throw new InputError('INVALID_REF', `service: "${text}" is not a CI reference; write it as class/name`, [
      { path: 'service', message: 'must be class/name' },
    ]);
  return text;
}
