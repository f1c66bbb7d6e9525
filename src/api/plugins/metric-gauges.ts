import type { FastifyBaseLogger } from 'fastify';
import type { DoraMetrics } from '../../core/report/dora-metrics.js';
import type { RecentFigures } from '../../core/report/metrics.service.js';
import { RECENT_DAYS } from '../../core/report/metrics.service.js';
import type { ApiServices } from '../services.js';
import type { GaugeSample, HttpMetrics } from './metrics.js';

const WINDOW = `over the ${RECENT_DAYS} days up to the last refresh (at most a minute old)`;

/**
 * The gauges of what Cairn holds, read when Prometheus scrapes: the head revision, jobs and changes
 * by status (cheap grouped counts), and the change and DORA figures of the last 30 days, which the
 * metrics service re-reads at most once a minute. A figure with nothing to measure has no sample.
 * A read that fails leaves its gauges empty for that scrape and is logged; the scrape still answers.
 */
export function registerGauges(metrics: HttpMetrics, s: ApiServices, log: FastifyBaseLogger): void {
  const safe = (read: () => Promise<GaugeSample[]>) => async (): Promise<GaugeSample[]> => {
    try {
      return await read();
    } catch (e) {
      log.warn({ err: e }, 'metrics: database gauges unavailable');
      return [];
    }
  };
  metrics.gauge(
    'cairn_revisions_total',
    'Revisions in the CMDB (the head revision number).',
    [],
    safe(async () => [{ value: await s.history.headRev() }]),
  );
  metrics.gauge(
    'cairn_jobs',
    'Background jobs by status.',
    ['status'],
    safe(async () => Object.entries(await s.queue.counts()).map(([status, value]) => ({ labels: { status }, value }))),
  );
  metrics.gauge(
    'cairn_changes',
    'Changes by state.',
    ['state'],
    safe(async () =>
      Object.entries(await s.changes.countByState())
        .filter(([, value]) => value > 0)
        .map(([state, value]) => ({ labels: { state }, value })),
    ),
  );
  const recent = (pick: (f: RecentFigures) => number | null) =>
    safe(async () => present([{ value: pick(await s.metrics.recent()) }]));
  metrics.gauge(
    'cairn_change_success_ratio',
    `Change success rate ${WINDOW}.`,
    [],
    recent((f) => f.change.successRate),
  );
  metrics.gauge(
    'cairn_change_emergency_ratio',
    `Share of emergency changes among those raised ${WINDOW}.`,
    [],
    recent((f) => f.change.emergencyShare),
  );
  metrics.gauge(
    'cairn_unauthorized_changes',
    `Writes to controlled CIs outside change control ${WINDOW}.`,
    [],
    recent((f) => f.change.unauthorized),
  );
  metrics.gauge(
    'cairn_change_lead_time_hours',
    `Mean hours from a change raised to implemented ${WINDOW}.`,
    [],
    recent((f) => f.change.meanLeadTimeHours),
  );
  metrics.gauge(
    'cairn_change_approval_time_hours',
    `Mean hours from submission to authorization ${WINDOW}.`,
    [],
    recent((f) => f.change.meanApprovalHours),
  );
  const dora = (pick: (d: DoraMetrics) => (number | null) | [stat: string, value: number | null][]) =>
    safe(async () => {
      const f = await s.metrics.recent();
      const all: { service?: string; dora: DoraMetrics }[] = [{ dora: f.dora }, ...f.services];
      return present(
        all.flatMap(({ service, dora: d }) => {
          const picked = pick(d);
          const base: Record<string, string> = service === undefined ? {} : { service };
          return Array.isArray(picked)
            ? picked.map(([stat, value]) => ({ labels: { ...base, stat }, value }))
            : [{ labels: base, value: picked }];
        }),
      );
    });
  const byService = 'without `service`: every service';
  metrics.gauge(
    'cairn_dora_deployments',
    `Successful deployments into production ${WINDOW}, ${byService}.`,
    ['service'],
    dora((d) => d.deployments),
  );
  metrics.gauge(
    'cairn_dora_deployment_frequency_per_day',
    `DORA deployment frequency: successful production deployments a day ${WINDOW}, ${byService}.`,
    ['service'],
    dora((d) => d.deploymentsPerDay),
  );
  metrics.gauge(
    'cairn_dora_lead_time_hours',
    `DORA lead time for changes: hours from release created to deployed in production ${WINDOW}, ${byService}.`,
    ['service', 'stat'],
    dora((d) => [
      ['median', d.medianLeadTimeHours],
      ['mean', d.meanLeadTimeHours],
    ]),
  );
  metrics.gauge(
    'cairn_dora_change_failure_ratio',
    `DORA change failure rate: production deployments failed, rolled back or causing an incident ${WINDOW}, ${byService}.`,
    ['service'],
    dora((d) => d.changeFailureRate),
  );
  metrics.gauge(
    'cairn_dora_time_to_restore_hours',
    `DORA time to restore: hours from incident start to end ${WINDOW}, ${byService}.`,
    ['service', 'stat'],
    dora((d) => [
      ['median', d.medianTimeToRestoreHours],
      ['mean', d.meanTimeToRestoreHours],
    ]),
  );
}

/** The samples that have a value: nothing measured is no sample, not 0. */
function present(samples: { labels?: Record<string, string>; value: number | null }[]): GaugeSample[] {
  return samples.flatMap((x): GaugeSample[] => (x.value === null ? [] : [{ labels: x.labels, value: x.value }]));
}
