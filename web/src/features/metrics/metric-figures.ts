import { counted } from '../../ui/format.js';
import type { MetricsReport } from '../../types.js';

/**
 * The figures of one period (or of one point of the series), as numbers: see docs/reports.md.
 * Typed from the contracts, not from metrics-data, so that tests load this file without the page's client.
 */
type MetricsFigures = MetricsReport['figures'];

/** How a figure's number reads: a share (0–1, shown as %), hours, or a count. */
export type FigureUnit = 'share' | 'hours' | 'count';

/** One figure the page draws: where its number is in the API's answer, and how it reads. */
export interface Figure {
  key: string;
  label: string;
  unit: FigureUnit;
  group: 'change' | 'dora';
  /** The figure in one point of the series (or of the whole period). */
  value: (f: MetricsFigures) => number | null;
  /** What the period's figure was measured over, in a few words ("3 of 4 changes implemented"). */
  basis: (f: MetricsFigures) => string;
}

/** "1 of 3 implemented changes succeeded"; the verb agrees with the whole ("0 of 1 … was"). */
const of = (n: number, whole: number, what: [string, string]) => `${n} of ${whole} ${whole === 1 ? what[0] : what[1]}`;
const over = (n: number | null, singular: string, plural?: string) =>
  n === null ? 'incidents not recorded' : `over ${counted(n, singular, plural)}`;

/** The figures, in the order the page shows them: change management, then the four DORA measures. */
export const FIGURES: readonly Figure[] = [
  {
    key: 'successRate',
    label: 'Change success rate',
    unit: 'share',
    group: 'change',
    value: (f) => f.change.successRate,
    basis: (f) =>
      of(f.change.successful, f.change.implemented, ['implemented change succeeded', 'implemented changes succeeded']),
  },
  {
    key: 'emergencyShare',
    label: 'Emergency changes',
    unit: 'share',
    group: 'change',
    value: (f) => f.change.emergencyShare,
    basis: (f) =>
      of(f.change.emergency, f.change.raised, ['change raised was an emergency', 'changes raised were emergencies']),
  },
  {
    key: 'meanLeadTimeHours',
    label: 'Change lead time (mean)',
    unit: 'hours',
    group: 'change',
    value: (f) => f.change.meanLeadTimeHours,
    basis: (f) => `request to implementation, ${over(f.change.implemented, 'change')}`,
  },
  {
    key: 'meanApprovalHours',
    label: 'Approval time (mean)',
    unit: 'hours',
    group: 'change',
    value: (f) => f.change.meanApprovalHours,
    basis: (f) => `submission to authorization, ${over(f.change.authorized, 'change')}`,
  },
  {
    key: 'deployments',
    label: 'Deployment frequency',
    unit: 'count',
    group: 'dora',
    value: (f) => f.dora.deployments,
    basis: (f) => `${f.dora.deploymentsPerDay.toFixed(2)} a day: successful deployments to production`,
  },
  {
    key: 'leadTimeForChanges',
    label: 'Lead time for changes (median)',
    unit: 'hours',
    group: 'dora',
    value: (f) => f.dora.medianLeadTimeHours,
    basis: (f) => `release created to production, ${over(f.dora.deployments, 'deployment')}`,
  },
  {
    key: 'changeFailureRate',
    label: 'Change failure rate',
    unit: 'share',
    group: 'dora',
    value: (f) => f.dora.changeFailureRate,
    basis: (f) =>
      of(f.dora.failedDeployments, f.dora.productionDeployments, [
        'production deployment failed',
        'production deployments failed',
      ]),
  },
  {
    key: 'timeToRestore',
    label: 'Time to restore (median)',
    unit: 'hours',
    group: 'dora',
    value: (f) => f.dora.medianTimeToRestoreHours,
    basis: (f) => over(f.dora.restored, 'incident restored', 'incidents restored'),
  },
];

/** A figure's value as people read it; `n/a` when there was nothing to measure (never 0 %). */
export function formatFigure(unit: FigureUnit, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'n/a';
  switch (unit) {
    case 'share':
      return `${(value * 100).toFixed(1)} %`;
    case 'hours':
      return `${value.toFixed(1)} h`;
    case 'count':
      return Number.isInteger(value) ? String(value) : value.toFixed(2);
  }
}

/** A short tick label for a chart's value axis; a count has no fractional ticks. */
export function formatTick(unit: FigureUnit, value: number): string {
  switch (unit) {
    case 'share':
      return `${Math.round(value * 100)} %`;
    case 'hours':
      // Ticks step by 0.25 h and the like: two decimals at most, trailing zeros dropped.
      return `${Number(value.toFixed(2))} h`;
    case 'count':
      return Number.isInteger(value) ? String(value) : '';
  }
}
