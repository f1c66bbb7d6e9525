import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { overlapsBusinessHours, parseClock } from './business-hours.js';
import { RISK_EXAMPLES } from '../../../test/fixtures/risk-examples.js';
import { DEFAULT_BUSINESS_HOURS, assessRisk, levelFor, type RiskInput } from './risk-model.js';
import { RISK_FACTORS, type RiskFactorName } from './risk.types.js';

const NOW = '2026-11-26T09:00:00Z'; // a Thursday
const base: RiskInput = { type: 'normal', cis: [{ ref: 'server/web-01' }], now: NOW };
const night = { start: '2026-12-01T22:00:00Z', end: '2026-12-01T23:00:00Z' }; // Tuesday night, 5 days ahead

function factor(input: Partial<RiskInput>, name: RiskFactorName): { score: number; reason: string } {
  const f = assessRisk({ ...base, window: night, ...input }).factors.find((x) => x.factor === name)!;
  return { score: f.score, reason: f.reason };
}

describe('assessRisk factors', () => {
  it.each<[RiskFactorName, Partial<RiskInput>, number, string]>([
    ['criticality', { cis: [{ ref: 'a/b' }] }, 0, 'no touched or impacted CI records a criticality'],
    [
      'criticality',
      {
        cis: [
          { ref: 'a/b', criticality: 'medium' },
          { ref: 'business_service/shop', criticality: 'critical' },
        ],
      },
      30,
      'highest criticality touched or impacted is critical (business_service/shop)',
    ],
    [
      'criticality',
      {
        cis: [
          { ref: 'a/b', criticality: 'high' },
          { ref: 'a/c', criticality: 'bogus' },
        ],
      },
      20,
      'highest criticality touched or impacted is high (a/b)',
    ],
    [
      'environment',
      {
        cis: [
          { ref: 'a/b', environment: 'dev' },
          { ref: 'a/c', environment: 'Production' },
        ],
      },
      20,
      'reaches the production environment',
    ],
    ['environment', { cis: [{ ref: 'a/b', environment: 'uat' }] }, 10, 'reaches uat, a pre-production environment'],
    [
      'environment',
      {
        cis: [
          { ref: 'a/b', environment: 'test' },
          { ref: 'a/c', environment: 'dev' },
        ],
      },
      0,
      'stays in dev, test',
    ],
    ['environment', { cis: [{ ref: 'a/b' }] }, 5, 'no environment recorded on the CIs, so it may be production'],
    ['blast-radius', { cis: [{ ref: 'a/b' }] }, 0, '1 CI touched or impacted'],
    ['blast-radius', { cis: Array.from({ length: 5 }, (_, i) => ({ ref: `a/${i}` })) }, 5, '5 CIs touched or impacted'],
    [
      'blast-radius',
      { cis: Array.from({ length: 21 }, (_, i) => ({ ref: `a/${i}` })) },
      15,
      '21 CIs touched or impacted',
    ],
    [
      'blast-radius',
      { cis: Array.from({ length: 101 }, (_, i) => ({ ref: `a/${i}` })) },
      20,
      '101 CIs touched or impacted',
    ],
    ['history', {}, 0, 'no failed changes on these CIs or their classes'],
    [
      'history',
      { failedChanges: { sameCis: 2, sameClasses: 1 } },
      12,
      '2 failed change(s) on the same CIs, 1 on the same classes',
    ],
    [
      'history',
      { failedChanges: { sameCis: 5, sameClasses: 5 } },
      20,
      '5 failed change(s) on the same CIs, 5 on the same classes',
    ],
    ['change-type', { type: 'standard' }, 0, 'a standard change from a pre-approved template'],
    ['change-type', { type: 'emergency' }, 15, 'an emergency change, with less time to prepare and test'],
    ['business-hours', {}, 0, 'the window is outside business hours'],
    [
      'business-hours',
      { window: { start: '2026-12-01T17:30:00Z', end: '2026-12-01T19:00:00Z' } },
      10,
      'the window falls in business hours',
    ],
    ['business-hours', { window: undefined }, 5, 'no window planned yet, so it may fall in business hours'],
    [
      'business-hours',
      { window: { start: '2026-11-28T10:00:00Z', end: '2026-11-28T12:00:00Z' } },
      0,
      'the window is outside business hours',
    ],
    [
      'business-hours',
      {
        window: { start: '2026-11-28T10:00:00Z', end: '2026-11-28T12:00:00Z' },
        businessHours: { ...DEFAULT_BUSINESS_HOURS, days: [6] },
      },
      10,
      'the window falls in business hours',
    ],
    ['lead-time', {}, 0, '5 days of lead time before the window'],
    [
      'lead-time',
      { window: { start: '2026-11-27T08:00:00Z', end: '2026-11-27T09:00:00Z' } },
      10,
      '23 hours of lead time before the window',
    ],
    [
      'lead-time',
      { window: { start: '2026-11-28T09:00:00Z', end: '2026-11-28T10:00:00Z' } },
      5,
      '48 hours of lead time before the window'.replace('48 hours', '2 days'),
    ],
    [
      'lead-time',
      { window: { start: '2026-11-26T08:00:00Z', end: '2026-11-26T10:00:00Z' } },
      10,
      'the window has already started',
    ],
    ['lead-time', { window: undefined }, 0, 'no window planned yet'],
  ])('%s: %j → %i', (name, input, score, reason) => {
    expect(factor(input, name)).toEqual({ score, reason });
  });

  it('shows every factor, in order, summing to the score', () => {
    const r = assessRisk({ ...base, window: night });
    expect(r.factors.map((f) => f.factor)).toEqual([...RISK_FACTORS]);
    expect(r.score).toBe(r.factors.reduce((s, f) => s + f.score, 0));
  });
});

describe('levels and thresholds', () => {
  const t = { medium: 25, high: 45, veryHigh: 75 };
  it.each([
    [0, 'low'],
    [24, 'low'],
    [25, 'medium'],
    [44, 'medium'],
    [45, 'high'],
    [74, 'high'],
    [75, 'very-high'],
    [125, 'very-high'],
  ] as const)('%i → %s', (score, level) => expect(levelFor(score, t)).toBe(level));

  it('lets policy override thresholds', () => {
    const input = { ...base, window: night }; // 5 (env unknown) + 5 (normal) = 10
    expect(assessRisk(input).level).toBe('low');
    expect(assessRisk({ ...input, thresholds: { medium: 10 } })).toMatchObject({
      level: 'medium',
      thresholds: { medium: 10, high: 45, veryHigh: 75 },
    });
  });
});

describe('business hours', () => {
  const ms = (iso: string) => Date.parse(iso);
  it.each([
    ['Tuesday 07:00–08:00 UTC', '2026-12-01T07:00:00Z', '2026-12-01T08:00:00Z', 0, false],
    ['Tuesday 07:59–08:01 UTC', '2026-12-01T07:59:00Z', '2026-12-01T08:01:00Z', 0, true],
    ['Friday 22:00 to Monday 07:00', '2026-11-27T22:00:00Z', '2026-11-30T07:00:00Z', 0, false],
    ['Friday 22:00 to Monday 09:00', '2026-11-27T22:00:00Z', '2026-11-30T09:00:00Z', 0, true],
    ['Tuesday 06:30 UTC at UTC+2 (08:30 local)', '2026-12-01T06:30:00Z', '2026-12-01T06:45:00Z', 120, true],
    ['Monday 23:00 UTC on Sunday at UTC-5 → 18:00 local', '2026-11-30T23:00:00Z', '2026-11-30T23:30:00Z', -300, false],
    ['a three-year window', '2026-01-01T00:00:00Z', '2029-01-01T00:00:00Z', 0, true],
  ] as const)('%s → %s', (_n, start, end, offset, expected) => {
    expect(
      overlapsBusinessHours(
        { start: ms(start), end: ms(end) },
        { ...DEFAULT_BUSINESS_HOURS, utcOffsetMinutes: offset },
      ),
    ).toBe(expected);
  });

  it.each([
    ['08:00', 480],
    ['24:00', 1440],
    ['8:00', undefined],
    ['25:00', undefined],
  ] as const)('parseClock(%s) = %s', (t, m) => {
    expect(parseClock(t)).toBe(m);
  });
});

describe('docs/risk-model.md', () => {
  // Table cells are padded to line up (Prettier); the comparison reads one space between cells.
  const doc = readFileSync(new URL('../../../docs/risk-model.md', import.meta.url), 'utf8')
    .replace(/ +\|/g, ' |')
    .replace(/\| +/g, '| ');
  it.each(RISK_EXAMPLES)('shows the figures the code computes for "$title"', ({ title, input }) => {
    const r = assessRisk(input);
    expect(doc).toContain(`### ${title}: ${r.score} points, ${r.level}`);
    for (const f of r.factors)
      expect(doc).toContain(`| ${title.split(' (')[0]} | ${f.factor} | ${f.score} | ${f.reason} |`);
  });
});
