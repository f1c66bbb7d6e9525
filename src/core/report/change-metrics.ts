import type { Change, HistoryEntry } from '../change/change.types.js';
import type { ReportDocument } from './report-document.js';
import { section } from './report-document.js';
import { counted } from '../shared/counted.js';
import { hoursBetween, mean, ratio } from './figures.js';

/** A period [from, to): UTC ISO times. */
export interface Period {
  from: string;
  to: string;
}

/**
 * The change-management figures of a period, measured from the change records rather than
 * reported by hand. Each figure counts the changes whose deciding event falls in the period:
 * implementations that finished in it, changes raised in it, approvals completed in it.
 */
export interface ChangeMetrics extends Period {
  /** Changes whose implementation finished in the period (completed or failed). */
  implemented: number;
  /** Of those, the ones that did not fail, were not backed out and were not reviewed as failed. */
  successful: number;
  /** successful ÷ implemented; null when nothing was implemented. */
  successRate: number | null;
  /** Changes raised in the period, and how many of them were emergencies. */
  raised: number;
  emergency: number;
  emergencyShare: number | null;
  /** Writes to controlled CIs made outside change control in the period, and how many still lack a retrospective change. */
  unauthorized: number;
  unauthorizedOpen: number;
  /** Mean hours from a change being raised to its implementation finishing, over `implemented`. */
  meanLeadTimeHours: number | null;
  /** Changes authorized in the period, and the mean hours from their (last) submission to authorization. */
  authorized: number;
  meanApprovalHours: number | null;
}

const FAILED_OUTCOMES = new Set(['failed', 'backed_out']);

/** The figures of the period, from every change and every unauthorized write (pure). */
export function changeMetrics(
  changes: readonly Change[],
  unauthorized: readonly { at: string; retrospectiveChange: string | null }[],
  period: Period,
): ChangeMetrics {
  const inPeriod = (at: string | undefined) => at !== undefined && at >= period.from && at < period.to;

  const finished = changes.flatMap((c) => {
    const end = firstEvent(c.history, ['complete', 'fail']);
    return end && inPeriod(end.at) ? [{ change: c, end }] : [];
  });
  const successful = finished.filter(({ change }) => !failed(change)).length;
  const leadTimes = finished.map(({ change, end }) => hoursBetween(change.createdAt, end.at));

  const raised = changes.filter((c) => inPeriod(c.createdAt));
  const emergency = raised.filter((c) => c.type === 'emergency').length;

  const approvalTimes = changes.flatMap((c) => {
    const i = c.history.findIndex((h) => h.event === 'authorize');
    const authorize = c.history[i];
    if (!authorize || !inPeriod(authorize.at)) return [];
    const submit = c.history.slice(0, i).findLast((h) => h.event === 'submit');
    return submit ? [hoursBetween(submit.at, authorize.at)] : [];
  });

  const writes = unauthorized.filter((u) => inPeriod(u.at));
  return {
    ...period,
    implemented: finished.length,
    successful,
    successRate: ratio(successful, finished.length),
    raised: raised.length,
    emergency,
    emergencyShare: ratio(emergency, raised.length),
    unauthorized: writes.length,
    unauthorizedOpen: writes.filter((u) => u.retrospectiveChange === null).length,
    meanLeadTimeHours: mean(leadTimes),
    authorized: approvalTimes.length,
    meanApprovalHours: mean(approvalTimes),
  };
}

/** The figures as a report document. */
export function changeMetricsReport(m: ChangeMetrics, generatedAt: string): ReportDocument {
  const percent = (r: number | null) => (r === null ? 'n/a' : `${(r * 100).toFixed(1)} %`);
  const hours = (h: number | null) => (h === null ? 'n/a' : `${h.toFixed(1)} h`);
  return {
    report: 'metrics',
    title: `Change metrics, ${m.from} to ${m.to}`,
    generatedAt,
    summary: [
      { label: 'Change success rate', value: percent(m.successRate) },
      { label: 'Emergency changes', value: percent(m.emergencyShare) },
      { label: 'Unauthorized changes', value: m.unauthorized },
      { label: 'Mean lead time', value: hours(m.meanLeadTimeHours) },
      { label: 'Mean approval time', value: hours(m.meanApprovalHours) },
    ],
    sections: [
      section(
        'How each figure is measured',
        [
          ['figure', 'Figure'],
          ['value', 'Value'],
          ['basis', 'Measured over'],
        ],
        [
          {
            figure: 'Change success rate',
            value: percent(m.successRate),
            basis: `${m.successful} of ${counted(m.implemented, 'change')} whose implementation finished in the period did not fail, were not backed out and were not reviewed as failed`,
          },
          {
            figure: 'Emergency changes',
            value: percent(m.emergencyShare),
            basis: `${m.emergency} of ${counted(m.raised, 'change')} raised in the period`,
          },
          {
            figure: 'Unauthorized changes',
            value: m.unauthorized,
            basis: `writes to controlled CIs outside change control in the period; ${m.unauthorizedOpen} without a retrospective change`,
          },
          {
            figure: 'Mean lead time',
            value: hours(m.meanLeadTimeHours),
            basis: `from request to implementation, over the ${counted(m.implemented, 'change')} implemented in the period`,
          },
          {
            figure: 'Mean approval time',
            value: hours(m.meanApprovalHours),
            basis: `from submission to authorization, over the ${counted(m.authorized, 'change')} authorized in the period`,
          },
        ],
      ),
    ],
  };
}

function firstEvent(history: readonly HistoryEntry[], events: string[]): HistoryEntry | undefined {
  return history.find((h) => events.includes(h.event));
}

function failed(c: Change): boolean {
  return (
    c.state === 'failed' ||
    c.state === 'backed_out' ||
    c.history.some((h) => h.event === 'fail' || h.event === 'backout') ||
    (c.outcome !== undefined && FAILED_OUTCOMES.has(c.outcome))
  );
}
