import { InputError } from '../shared/errors.js';
import type { Period } from './change-metrics.js';

export const METRIC_INTERVALS = ['day', 'week', 'month'] as const;
/** The width of one point of a metrics series: a UTC day, an ISO week (from Monday), a calendar month. */
export type MetricInterval = (typeof METRIC_INTERVALS)[number];

/** A series longer than this is refused: a chart cannot show it, and each point costs a pass over the records. */
export const MAX_SERIES_POINTS = 1000;

const DAY = 86_400_000;

/** An interval as typed (a CLI option); an unknown width is refused, naming the ones there are. */
export function intervalOf(text: string | undefined): MetricInterval | undefined {
  if (text === undefined) return undefined;
  const found = METRIC_INTERVALS.find((i) => i === text);
  if (found) return found;
  throw new InputError('METRICS_INTERVAL_INVALID', `interval: "${text}" is not one of ${METRIC_INTERVALS.join(', ')}`, [
    { path: 'interval', message: `must be one of ${METRIC_INTERVALS.join(', ')}` },
  ]);
}

/**
 * The period cut at the interval's calendar boundaries (UTC), first and last piece clipped to the
 * period, so that the pieces cover it exactly and a figure summed over them is the period's figure.
 */
export function periodsOf(period: Period, interval: MetricInterval): Period[] {
  const end = Date.parse(period.to);
  const pieces: Period[] = [];
  for (let start = Date.parse(period.from); start < end;) {
    const next = Math.min(nextBoundary(start, interval), end);
    pieces.push({ from: new Date(start).toISOString(), to: new Date(next).toISOString() });
    if (pieces.length > MAX_SERIES_POINTS)
      throw new InputError(
        'METRICS_SERIES_TOO_LONG',
        `interval: a series of the period by ${interval} has more than ${MAX_SERIES_POINTS} points; choose a longer interval or a shorter period`,
        [{ path: 'interval', message: `gives more than ${MAX_SERIES_POINTS} points over the period` }],
      );
    start = next;
  }
  return pieces;
}

/** The first boundary of the interval strictly after `t` (ms since the epoch, UTC). */
function nextBoundary(t: number, interval: MetricInterval): number {
  const d = new Date(t);
  const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()];
  switch (interval) {
    case 'day':
      return Date.UTC(y, m, day + 1);
    case 'week': {
      // getUTCDay: 0 is Sunday; ISO weeks start on Monday.
      const daysToMonday = (8 - d.getUTCDay()) % 7 || 7;
      return Date.UTC(y, m, day) + daysToMonday * DAY;
    }
    case 'month':
      return Date.UTC(y, m + 1, 1);
  }
}
