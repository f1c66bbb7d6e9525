import type { Incident } from '../incident/incident.types.js';
import type { Deployment } from '../release/deployment.types.js';
import type { Period } from './change-metrics.js';
import { hoursBetween, mean, median, ratio } from './figures.js';

const DAY_HOURS = 24;

/**
 * The four DORA measures of a period, for production (the last environment of the promotion order).
 * Each counts the records whose deciding event falls in the period: a deployment by when it
 * finished, an incident by when it started (counted) or ended (time to restore).
 */
export interface DoraMetrics {
  /** Deployment frequency: promotions into production that succeeded, finished in the period. */
  deployments: number;
  /** deployments ÷ the period's length in days. */
  deploymentsPerDay: number;
  /** Lead time for changes: hours from the release being created to its successful production deployment finishing, over `deployments`. */
  meanLeadTimeHours: number | null;
  medianLeadTimeHours: number | null;
  /** Promotions into production finished in the period, succeeded or failed. */
  productionDeployments: number;
  /** Of those, the ones that failed, were rolled back, or caused an incident. */
  failedDeployments: number;
  /** Change failure rate: failedDeployments ÷ productionDeployments; null when there were none. */
  changeFailureRate: number | null;
  /** Incidents that started in the period; null when incidents are not recorded (no incident store). */
  incidents: number | null;
  /** Incidents that ended (service restored) in the period; null when incidents are not recorded. */
  restored: number | null;
  /** Time to restore: hours from an incident's start to its end, over `restored`. */
  meanTimeToRestoreHours: number | null;
  medianTimeToRestoreHours: number | null;
}

/** What the DORA measures are read from: records of every time, the period picks among them. */
export interface DoraRecords {
  /** The production environment's name. */
  production: string;
  /** Deployments, of any environment (only production's count), of every time. */
  deployments: readonly Deployment[];
  /** When each release was created, by `service@version`. */
  releaseCreated: ReadonlyMap<string, string>;
  /** Incidents of every time, or null when no incident store is wired (their figures are then null). */
  incidents: readonly Incident[] | null;
}

/** The DORA measures of the period (pure). */
export function doraMetrics(records: DoraRecords, period: Period): DoraMetrics {
  const inPeriod = (at: string | null) => at !== null && at >= period.from && at < period.to;
  const production = records.deployments.filter(
    (d) => d.environment.toLowerCase() === records.production.toLowerCase(),
  );
  const promotions = production.filter(
    (d) => d.kind === 'promotion' && d.state !== 'running' && inPeriod(d.finishedAt),
  );
  const succeeded = promotions.filter((d) => d.state === 'succeeded');
  const leadTimes = succeeded.flatMap((d) => {
    const created = records.releaseCreated.get(releaseKey(d.service, d.version));
    return created === undefined || d.finishedAt === null ? [] : [hoursBetween(created, d.finishedAt)];
  });
  const rollbacks = production.filter((d) => d.kind === 'rollback');
  const incidents = records.incidents ?? [];
  const failed = promotions.filter(
    (d) =>
      d.state === 'failed' ||
      rollbacks.some((r) => r.service === d.service && r.rollbackOf === d.version && r.startedAt >= d.startedAt) ||
      incidents.some((i) => i.deployment === d.id || (d.change !== null && i.change === d.change)),
  );
  const ended = incidents.filter((i) => inPeriod(i.endedAt));
  const restoreTimes = ended.map((i) => hoursBetween(i.startedAt, i.endedAt!));
  const days = hoursBetween(period.from, period.to) / DAY_HOURS;
  return {
    deployments: succeeded.length,
    deploymentsPerDay: succeeded.length / days,
    meanLeadTimeHours: mean(leadTimes),
    medianLeadTimeHours: median(leadTimes),
    productionDeployments: promotions.length,
    failedDeployments: failed.length,
    changeFailureRate: ratio(failed.length, promotions.length),
    incidents: records.incidents === null ? null : incidents.filter((i) => inPeriod(i.startedAt)).length,
    restored: records.incidents === null ? null : ended.length,
    meanTimeToRestoreHours: mean(restoreTimes),
    medianTimeToRestoreHours: median(restoreTimes),
  };
}

/** The key of a release in {@link DoraRecords.releaseCreated}. */
export function releaseKey(service: string, version: string): string {
  return `${service}@${version}`;
}
