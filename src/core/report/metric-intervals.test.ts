import { describe, expect, it } from 'vitest';
import { intervalOf, periodsOf } from './metric-intervals.js';

const p = (from: string, to: string) => ({ from: `${from}.000Z`, to: `${to}.000Z` });

describe('a period cut into a series', () => {
  it.each([
    // November 2026 starts on a Sunday: a one-day first week, then Monday-to-Monday weeks, clipped at the end.
    [
      'week',
      p('2026-11-01T00:00:00', '2026-12-01T00:00:00'),
      [
        p('2026-11-01T00:00:00', '2026-11-02T00:00:00'),
        p('2026-11-02T00:00:00', '2026-11-09T00:00:00'),
        p('2026-11-09T00:00:00', '2026-11-16T00:00:00'),
        p('2026-11-16T00:00:00', '2026-11-23T00:00:00'),
        p('2026-11-23T00:00:00', '2026-11-30T00:00:00'),
        p('2026-11-30T00:00:00', '2026-12-01T00:00:00'),
      ],
    ],
    [
      'week',
      p('2026-11-02T00:00:00', '2026-11-16T00:00:00'),
      [p('2026-11-02T00:00:00', '2026-11-09T00:00:00'), p('2026-11-09T00:00:00', '2026-11-16T00:00:00')],
    ],
    [
      'day',
      p('2026-11-01T10:00:00', '2026-11-03T00:00:00'),
      [p('2026-11-01T10:00:00', '2026-11-02T00:00:00'), p('2026-11-02T00:00:00', '2026-11-03T00:00:00')],
    ],
    [
      'month',
      p('2026-10-15T00:00:00', '2026-12-10T00:00:00'),
      [
        p('2026-10-15T00:00:00', '2026-11-01T00:00:00'),
        p('2026-11-01T00:00:00', '2026-12-01T00:00:00'),
        p('2026-12-01T00:00:00', '2026-12-10T00:00:00'),
      ],
    ],
    // A month across a year end, and February of a leap year.
    [
      'month',
      p('2027-12-31T12:00:00', '2028-03-01T00:00:00'),
      [
        p('2027-12-31T12:00:00', '2028-01-01T00:00:00'),
        p('2028-01-01T00:00:00', '2028-02-01T00:00:00'),
        p('2028-02-01T00:00:00', '2028-03-01T00:00:00'),
      ],
    ],
  ] as const)('by %s: %j', (interval, period, pieces) => {
    expect(periodsOf(period, interval)).toEqual(pieces);
  });

  it('refuses a series of more than 1000 points, naming the interval', () => {
    expect(() => periodsOf(p('2024-01-01T00:00:00', '2027-01-01T00:00:00'), 'day')).toThrow(
      expect.objectContaining({
        code: 'METRICS_SERIES_TOO_LONG',
        fields: [expect.objectContaining({ path: 'interval' })],
      }),
    );
    // 2024-01-01 is a Monday; 366 + 365 + 365 = 1096 days = 156 weeks and 4 days: 157 points.
    expect(periodsOf(p('2024-01-01T00:00:00', '2027-01-01T00:00:00'), 'week')).toHaveLength(157);
  });

  it('reads an interval as typed, and refuses an unknown one naming those there are', () => {
    expect(intervalOf('week')).toBe('week');
    expect(intervalOf(undefined)).toBeUndefined();
    expect(() => intervalOf('year')).toThrow(/"year" is not one of day, week, month/);
  });
});
