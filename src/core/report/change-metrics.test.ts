import { describe, expect, it } from 'vitest';
import type { Change, HistoryEntry } from '../change/change.types.js';
import { changeMetrics, changeMetricsReport } from './change-metrics.js';

const PERIOD = { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' };

/** A change raised at `createdAt` whose history takes these steps at these times. */
function change(
  id: number,
  createdAt: string,
  steps: [HistoryEntry['event'], string][],
  extra: Partial<Change> = {},
): Change {
  return {
    id,
    ref: `CHG-${id}`,
    type: 'normal',
    state: 'closed',
    title: `change ${id}`,
    createdAt,
    history: steps.map(([event, at]) => ({ event, at, from: 'draft', to: 'draft', by: 'x' })),
    ...extra,
  } as Change;
}

/*
 * A small history worked out by hand:
 *  CHG-1 raised Nov 2 00:00, submitted 00:00, authorized Nov 2 06:00 (6 h), completed Nov 3 00:00
 *        (lead 24 h); reviewed successful.
 *  CHG-2 raised Nov 4 00:00, submitted 12:00, revised, submitted again Nov 5 00:00, authorized
 *        Nov 5 02:00 (2 h from the last submission), completed Nov 6 00:00 (lead 48 h), then backed out.
 *  CHG-3 emergency raised Nov 10 00:00, failed Nov 10 12:00 (lead 12 h); never authorized.
 *  CHG-4 raised Oct 20, authorized Oct 21, completed Oct 22: every event before the period.
 *  CHG-5 raised Nov 28, authorized Nov 29 00:00 (submitted Nov 28 00:00: 24 h), implemented Dec 2: after it.
 *  Implemented in the period: CHG-1, 2, 3 → 1 successful of 3. Raised: CHG-1, 2, 3, 5 → 1 emergency of 4.
 *  Lead: (24 + 48 + 12) / 3 = 28 h. Approval: CHG-1 6 h, CHG-2 2 h, CHG-5 24 h → 32 / 3 h.
 */
const HISTORY = [
  change(
    1,
    '2026-11-02T00:00:00.000Z',
    [
      ['submit', '2026-11-02T00:00:00.000Z'],
      ['authorize', '2026-11-02T06:00:00.000Z'],
      ['schedule', '2026-11-02T07:00:00.000Z'],
      ['implement', '2026-11-02T23:00:00.000Z'],
      ['complete', '2026-11-03T00:00:00.000Z'],
      ['review', '2026-11-04T00:00:00.000Z'],
    ],
    { outcome: 'successful' },
  ),
  change(
    2,
    '2026-11-04T00:00:00.000Z',
    [
      ['submit', '2026-11-04T12:00:00.000Z'],
      ['revise', '2026-11-04T13:00:00.000Z'],
      ['submit', '2026-11-05T00:00:00.000Z'],
      ['authorize', '2026-11-05T02:00:00.000Z'],
      ['implement', '2026-11-05T23:00:00.000Z'],
      ['complete', '2026-11-06T00:00:00.000Z'],
      ['backout', '2026-11-06T01:00:00.000Z'],
    ],
    { state: 'backed_out' },
  ),
  change(
    3,
    '2026-11-10T00:00:00.000Z',
    [
      ['implement', '2026-11-10T01:00:00.000Z'],
      ['fail', '2026-11-10T12:00:00.000Z'],
    ],
    { type: 'emergency', state: 'failed' },
  ),
  change(4, '2026-10-20T00:00:00.000Z', [
    ['submit', '2026-10-20T00:00:00.000Z'],
    ['authorize', '2026-10-21T00:00:00.000Z'],
    ['complete', '2026-10-22T00:00:00.000Z'],
  ]),
  change(
    5,
    '2026-11-28T00:00:00.000Z',
    [
      ['submit', '2026-11-28T00:00:00.000Z'],
      ['authorize', '2026-11-29T00:00:00.000Z'],
      ['complete', '2026-12-02T00:00:00.000Z'],
    ],
    { type: 'standard' },
  ),
];

const UNAUTHORIZED = [
  { at: '2026-11-15T00:00:00.000Z', retrospectiveChange: 'CHG-9' },
  { at: '2026-11-16T00:00:00.000Z', retrospectiveChange: null },
  { at: '2026-12-01T00:00:00.000Z', retrospectiveChange: null }, // the period's end is not in it
];

describe('change metrics over a period', () => {
  it('measures each figure from the events in the period, as worked out by hand', () => {
    expect(changeMetrics(HISTORY, UNAUTHORIZED, PERIOD)).toEqual({
      ...PERIOD,
      implemented: 3,
      successful: 1,
      successRate: 1 / 3,
      raised: 4,
      emergency: 1,
      emergencyShare: 0.25,
      unauthorized: 2,
      unauthorizedOpen: 1,
      meanLeadTimeHours: 28,
      authorized: 3,
      meanApprovalHours: 32 / 3,
    });
  });

  it('counts a change reviewed as failed as a failure even when it completed', () => {
    const reviewedFailed = [{ ...HISTORY[0]!, outcome: 'failed' as const }];
    expect(changeMetrics(reviewedFailed, [], PERIOD)).toMatchObject({ implemented: 1, successful: 0, successRate: 0 });
  });

  it('says n/a rather than 0 % when a period has nothing to measure', () => {
    const empty = changeMetrics([], [], PERIOD);
    expect(empty).toMatchObject({ successRate: null, emergencyShare: null, meanLeadTimeHours: null });
    const doc = changeMetricsReport(empty, '2026-12-04T00:00:00.000Z');
    expect(doc.summary).toEqual([
      { label: 'Change success rate', value: 'n/a' },
      { label: 'Emergency changes', value: 'n/a' },
      { label: 'Unauthorized changes', value: 0 },
      { label: 'Mean lead time', value: 'n/a' },
      { label: 'Mean approval time', value: 'n/a' },
    ]);
  });

  it('prints rates as percentages and times in hours, and says what each was measured over', () => {
    const doc = changeMetricsReport(changeMetrics(HISTORY, UNAUTHORIZED, PERIOD), '2026-12-04T00:00:00.000Z');
    expect(doc.summary.map((f) => f.value)).toEqual(['33.3 %', '25.0 %', 2, '28.0 h', '10.7 h']);
    expect(doc.sections[0]!.rows[0]!.basis).toContain('1 of 3 changes whose implementation finished in the period');
  });

  it('says "1 change", not "1 changes", when the period holds one', () => {
    const one = changeMetrics([HISTORY[0]!], [], PERIOD);
    const bases = changeMetricsReport(one, '2026-12-04T00:00:00.000Z').sections[0]!.rows.map((r) => String(r['basis']));
    expect(bases).toContain('from request to implementation, over the 1 change implemented in the period');
    expect(bases).toContain('from submission to authorization, over the 1 change authorized in the period');
    expect(bases.join(' ')).not.toMatch(/\b1 changes\b/);
  });
});
