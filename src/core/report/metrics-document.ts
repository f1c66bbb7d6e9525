import type { ChangeMetrics, Period } from './change-metrics.js';
import { changeMetricsReport } from './change-metrics.js';
import type { DoraMetrics } from './dora-metrics.js';
import type { MetricInterval } from './metric-intervals.js';
import type { ReportDocument, ReportRow } from './report-document.js';
import { section } from './report-document.js';
import { counted } from '../shared/counted.js';

/** The change figures without their period (a series point carries it once). */
export type ChangeFigures = Omit<ChangeMetrics, 'from' | 'to'>;

/** Every figure of one period: the change-management ones and the four DORA measures. */
export interface MetricsFigures {
  change: ChangeFigures;
  dora: DoraMetrics;
}

/** One point of a series: a piece of the period and its figures. */
export interface MetricsPoint extends Period, MetricsFigures {}

/** What the figures were measured over. */
export interface MetricsScope extends Period {
  /** `class/name` of the one service measured; null for the whole estate. */
  service: string | null;
  /** The width of each point of `series`; null when no series was asked for. */
  interval: MetricInterval | null;
  /** The environment the DORA measures count deployments into: the last of the promotion order. */
  production: string;
  /** False while no incident store answers: incident figures are then null, and change failures count only failed and rolled-back deployments. */
  incidentsRecorded: boolean;
}

/**
 * The metrics report: a report document (so that the table, CSV and printable page show it), plus
 * the figures as numbers and, when an interval is asked for, the series a chart draws.
 */
export interface MetricsDocument extends ReportDocument {
  scope: MetricsScope;
  figures: MetricsFigures;
  /** One point per interval, oldest first, covering the period exactly; empty without an interval. */
  series: MetricsPoint[];
}

const percent = (r: number | null) => (r === null ? 'n/a' : `${(r * 100).toFixed(1)} %`);
const hours = (h: number | null) => (h === null ? 'n/a' : `${h.toFixed(1)} h`);
const rate = (n: number) => `${n.toFixed(2)} a day`;

/** The figures of the period and their series as one document. */
export function metricsDocument(
  scope: MetricsScope,
  figures: MetricsFigures,
  series: MetricsPoint[],
  generatedAt: string,
): MetricsDocument {
  const base = changeMetricsReport({ ...figures.change, from: scope.from, to: scope.to }, generatedAt);
  const d = figures.dora;
  const measured = base.sections[0]!;
  const doraRows: ReportRow[] = [
    {
      figure: 'Deployment frequency',
      value: rate(d.deploymentsPerDay),
      basis: `${counted(d.deployments, 'successful promotion')} into ${scope.production} finished in the period`,
    },
    {
      figure: 'Lead time for changes (median)',
      value: hours(d.medianLeadTimeHours),
      basis: `from the release being created to its deployment into ${scope.production} finishing, over ${d.deployments === 1 ? 'that deployment' : `those ${counted(d.deployments, 'deployment')}`}; mean ${hours(d.meanLeadTimeHours)}`,
    },
    {
      figure: 'Change failure rate',
      value: percent(d.changeFailureRate),
      basis: `${d.failedDeployments} of ${counted(d.productionDeployments, 'promotion')} into ${scope.production} finished in the period failed, were rolled back${scope.incidentsRecorded ? ' or caused an incident' : ' (incidents are not recorded)'}`,
    },
    {
      figure: 'Time to restore (median)',
      value: hours(d.medianTimeToRestoreHours),
      basis: scope.incidentsRecorded
        ? `from start to end of the ${counted(d.restored ?? 0, 'incident')} that ended in the period; mean ${hours(d.meanTimeToRestoreHours)}`
        : 'incidents are not recorded',
    },
  ];
  const sections = [{ ...measured, rows: [...measured.rows, ...doraRows] }];
  if (series.length > 0) sections.push(seriesSection(series));
  const title = scope.service === null ? base.title : `${base.title}, service ${scope.service}`;
  return {
    ...base,
    title,
    summary: [
      ...base.summary,
      { label: 'Deployment frequency', value: rate(d.deploymentsPerDay) },
      { label: 'Lead time for changes', value: hours(d.medianLeadTimeHours) },
      { label: 'Change failure rate', value: percent(d.changeFailureRate) },
      { label: 'Time to restore', value: hours(d.medianTimeToRestoreHours) },
    ],
    sections,
    scope,
    figures,
    series,
  };
}

/**
 * The series as a table: one row per point, the headline figures as numbers a spreadsheet reads
 * (percentages and hours to one decimal; empty where nothing was measured). The JSON figures keep
 * full precision.
 */
function seriesSection(series: MetricsPoint[]) {
  return section(
    'Over time',
    [
      ['from', 'From'],
      ['to', 'To'],
      ['successRate', 'Change success (%)'],
      ['emergencyShare', 'Emergency (%)'],
      ['unauthorized', 'Unauthorized'],
      ['meanLeadTimeHours', 'Change lead time (h)'],
      ['meanApprovalHours', 'Approval time (h)'],
      ['deployments', 'Deployments'],
      ['medianDeployLeadTimeHours', 'Deploy lead time (h)'],
      ['changeFailureRate', 'Change failure (%)'],
      ['medianTimeToRestoreHours', 'Time to restore (h)'],
    ],
    series.map((p) => ({
      from: p.from,
      to: p.to,
      successRate: percentOf(p.change.successRate),
      emergencyShare: percentOf(p.change.emergencyShare),
      unauthorized: p.change.unauthorized,
      meanLeadTimeHours: hoursOf(p.change.meanLeadTimeHours),
      meanApprovalHours: hoursOf(p.change.meanApprovalHours),
      deployments: p.dora.deployments,
      medianDeployLeadTimeHours: hoursOf(p.dora.medianLeadTimeHours),
      changeFailureRate: percentOf(p.dora.changeFailureRate),
      medianTimeToRestoreHours: hoursOf(p.dora.medianTimeToRestoreHours),
    })),
  );
}

function percentOf(r: number | null): number | null {
  return r === null ? null : Math.round(r * 1000) / 10;
}

function hoursOf(h: number | null): number | null {
  return h === null ? null : Math.round(h * 10) / 10;
}
