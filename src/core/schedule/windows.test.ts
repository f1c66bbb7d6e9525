import { describe, expect, it } from 'vitest';
import { describeInterval, parseDuration, parseInstant } from './time.js';
import { expandOccurrences, windowLength, type RecurringWindow } from './windows.js';

const ms = (iso: string) => Date.parse(iso);
const range = (from: string, to: string) => ({ start: ms(from), end: ms(to) });
const iso = (o: { start: number; end: number }) =>
  `${new Date(o.start).toISOString()}/${new Date(o.end).toISOString()}`;

describe('time helpers', () => {
  it.each([
    ['P1D', 86_400_000],
    ['PT8H30M', 30_600_000],
    ['P1W', 604_800_000],
    ['P2DT12H', 216_000_000],
    ['PT45S', 45_000],
    ['P1M', undefined],
    ['P', undefined],
    ['PT', undefined],
    ['8h', undefined],
    ['PT0S', undefined],
  ] as const)('parseDuration(%s) = %s', (text, expected) => expect(parseDuration(text)).toBe(expected));

  it.each([
    ['2026-12-01T22:00:00Z', ms('2026-12-01T22:00:00Z')],
    ['2026-12-01T23:00+01:00', ms('2026-12-01T22:00:00Z')],
    ['2026-12-01T22:00:00', undefined],
    ['2026-12-01', undefined],
    ['tomorrow', undefined],
    [42, undefined],
  ] as const)('parseInstant(%s)', (text, expected) => expect(parseInstant(text)).toBe(expected));

  it('describes intervals for sentences', () => {
    expect(describeInterval(range('2026-12-01T22:00:00Z', '2026-12-01T23:00:00Z'))).toBe('2026-12-01 22:00–23:00 UTC');
    expect(describeInterval(range('2026-12-20T00:00:00Z', '2027-01-04T00:00:00Z'))).toBe(
      '2026-12-20 00:00 – 2027-01-04 00:00 UTC',
    );
  });
});

describe('expandOccurrences', () => {
  const yearEnd: RecurringWindow = { name: 'year-end', start: '2026-12-20T00:00:00Z', end: '2027-01-04T00:00:00Z' };
  const saturdays: RecurringWindow = {
    name: 'sat-night',
    start: '2026-01-03T22:00:00Z',
    duration: 'PT4H',
    rrule: 'FREQ=WEEKLY;BYDAY=SA',
  };
  const monthEnd: RecurringWindow = {
    name: 'month-end',
    start: '2026-01-31T00:00:00Z',
    duration: 'P2D',
    rrule: 'RRULE:FREQ=MONTHLY;BYMONTHDAY=-1',
  };

  it.each<[string, RecurringWindow, string, string, string[]]>([
    [
      'one-off inside',
      yearEnd,
      '2026-12-24T00:00:00Z',
      '2026-12-25T00:00:00Z',
      ['2026-12-20T00:00:00.000Z/2027-01-04T00:00:00.000Z'],
    ],
    ['one-off touching only at its end', yearEnd, '2027-01-04T00:00:00Z', '2027-01-05T00:00:00Z', []],
    [
      'weekly in a fortnight',
      saturdays,
      '2026-03-01T00:00:00Z',
      '2026-03-15T00:00:00Z',
      [
        '2026-02-28T22:00:00.000Z/2026-03-01T02:00:00.000Z',
        '2026-03-07T22:00:00.000Z/2026-03-08T02:00:00.000Z',
        '2026-03-14T22:00:00.000Z/2026-03-15T02:00:00.000Z',
      ],
    ],
    [
      'weekly: occurrence started before the range',
      saturdays,
      '2026-03-08T01:00:00Z',
      '2026-03-08T03:00:00Z',
      ['2026-03-07T22:00:00.000Z/2026-03-08T02:00:00.000Z'],
    ],
    ['weekly: nothing before the first', saturdays, '2025-12-01T00:00:00Z', '2026-01-03T22:00:00Z', []],
    [
      'monthly last day, two days long',
      monthEnd,
      '2026-02-27T00:00:00Z',
      '2026-03-01T00:00:00Z',
      ['2026-02-28T00:00:00.000Z/2026-03-02T00:00:00.000Z'],
    ],
    ['malformed rule has none', { ...saturdays, rrule: 'WEEKLY' }, '2026-03-01T00:00:00Z', '2026-03-15T00:00:00Z', []],
  ])('%s', (_n, w, from, to, expected) => {
    expect(expandOccurrences(w, range(from, to)).map(iso)).toEqual(expected);
  });

  it('caps a runaway rule', () => {
    const minutely = { name: 'm', start: '2026-01-01T00:00:00Z', duration: 'PT1M', rrule: 'FREQ=MINUTELY' };
    expect(
      expandOccurrences(minutely, range('2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z')).length,
    ).toBeLessThanOrEqual(5000);
  });

  it('knows each occurrence length', () => {
    expect(windowLength(yearEnd)).toBe(15 * 86_400_000);
    expect(windowLength(saturdays)).toBe(4 * 3_600_000);
    expect(windowLength({ name: 'x', start: '2026-01-01T00:00:00Z' })).toBeUndefined();
  });
});
