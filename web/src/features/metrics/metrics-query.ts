import { href } from '../../app/router.js';

const DAY = 86_400_000;

export const INTERVALS = ['day', 'week', 'month'] as const;
export type Interval = (typeof INTERVALS)[number];

/** The periods offered in one click; `custom` takes the dates typed in. */
export const PERIODS = [
  { value: '30d', label: 'Last 30 days', days: 30, interval: 'day' },
  { value: '90d', label: 'Last 90 days', days: 90, interval: 'week' },
  { value: '12m', label: 'Last 12 months', days: 365, interval: 'month' },
  { value: 'custom', label: 'Custom dates', days: 0, interval: 'week' },
] as const satisfies readonly { value: string; label: string; days: number; interval: Interval }[];
type PeriodChoice = (typeof PERIODS)[number]['value'];

/** What the page shows, as its address says it: the page can be bookmarked and shared as it is. */
export interface MetricsQuery {
  period: PeriodChoice;
  /** The period's first and last day (UTC, `YYYY-MM-DD`), both included. */
  firstDay: string;
  lastDay: string;
  interval: Interval;
  /** `class/name` of one service, or undefined for every service. */
  service: string | undefined;
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const isDay = (s: string | null): s is string =>
  s !== null && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s));

/** The page's query from its address, defaults filled in: the last 90 days by week, every service. */
export function readMetricsQuery(params: URLSearchParams, now = Date.now()): MetricsQuery {
  const preset = PERIODS.find((p) => p.value === params.get('period')) ?? PERIODS[1];
  const asked = params.get('interval');
  const interval = INTERVALS.find((i) => i === asked) ?? preset.interval;
  const today = isoDay(now);
  let firstDay = isoDay(now - (preset.days - 1) * DAY);
  let lastDay = today;
  if (preset.value === 'custom') {
    const from = params.get('from');
    const to = params.get('to');
    lastDay = isDay(to) ? to : today;
    firstDay = isDay(from) && from <= lastDay ? from : isoDay(Date.parse(lastDay) - 89 * DAY);
  }
  return { period: preset.value, firstDay, lastDay, interval, service: params.get('service') || undefined };
}

/** The page's address for a query; dates are kept only for custom periods, which need them. */
export function metricsHref(q: MetricsQuery): string {
  const custom = q.period === 'custom';
  return href('/reports/metrics', {
    period: q.period === '90d' ? undefined : q.period,
    from: custom ? q.firstDay : undefined,
    to: custom ? q.lastDay : undefined,
    interval: q.interval,
    service: q.service,
  });
}

/** The period as the API takes it: [from, to) in UTC ISO times, the last day included. */
export function apiPeriod(q: MetricsQuery): { from: string; to: string } {
  return {
    from: new Date(`${q.firstDay}T00:00:00.000Z`).toISOString(),
    to: new Date(Date.parse(`${q.lastDay}T00:00:00.000Z`) + DAY).toISOString(),
  };
}

const dayFormat = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const monthFormat = new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** A bucket's first day (its month, by month) for a table's row, under a heading that says which. */
export function bucketStart(interval: Interval, from: string): string {
  return interval === 'month' ? monthFormat.format(new Date(from)) : dayFormat.format(new Date(from));
}

const tickDay = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });
const tickMonth = new Intl.DateTimeFormat(undefined, { month: 'short', year: 'numeric', timeZone: 'UTC' });

/** A bucket's start as a chart's axis tick: "7 Sep", or "Sep 2026" by month. */
export function bucketTick(interval: Interval, from: string): string {
  return interval === 'month' ? tickMonth.format(new Date(from)) : tickDay.format(new Date(from));
}

/** The heading of a table's column of buckets. */
export const BUCKET_HEADING: Record<Interval, string> = { day: 'Day', week: 'Week of', month: 'Month' };

/** A bucket's name in a chart's readout: "3 Nov 2026", "Week of 2 Nov 2026", "November 2026". */
export function bucketLabel(interval: Interval, from: string): string {
  const d = new Date(from);
  switch (interval) {
    case 'day':
      return dayFormat.format(d);
    case 'week':
      return `Week of ${dayFormat.format(d)}`;
    case 'month':
      return monthFormat.format(d);
  }
}
