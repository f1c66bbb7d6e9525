import { describe, expect, it } from 'vitest';
import ical, { type VEvent } from 'node-ical';
import type { ChangeState } from '../lifecycle/change-lifecycle.js';
import { listCalendar, type CalendarInput } from './calendar.js';
import { toICalendar } from './ical.js';

type Row = CalendarInput['changes'][number];
const chg = (id: number, state: ChangeState, start: string, end: string, extra: Partial<Row> = {}): Row => ({
  ref: `CHG-${id}`,
  title: `Change ${id}`,
  type: 'normal',
  state,
  requester: 'alice',
  assignee: 'bob',
  window: { start, end },
  ...extra,
});

const input: CalendarInput = {
  from: '2026-12-01T00:00:00Z',
  to: '2026-12-08T00:00:00Z',
  changes: [
    chg(12, 'scheduled', '2026-12-01T22:00:00.000Z', '2026-12-01T23:00:00.000Z', {
      title: 'Upgrade orders-db',
      risk: { level: 'high', score: 70 },
      impact: {
        touched: ['database/orders-db'],
        impacted: [],
        businessServices: ['business_service/shop'],
        environments: [],
      },
    }),
    chg(13, 'authorized', '2026-12-05T22:00:00.000Z', '2026-12-05T23:00:00.000Z'),
    chg(14, 'cancelled', '2026-12-02T22:00:00.000Z', '2026-12-02T23:00:00.000Z'),
    chg(15, 'scheduled', '2026-12-09T22:00:00.000Z', '2026-12-09T23:00:00.000Z'),
    { ...chg(16, 'submitted', '', ''), window: undefined },
  ],
  freezes: [
    {
      name: 'Year end',
      start: '2026-12-05T00:00:00Z',
      end: '2026-12-06T00:00:00Z',
      scope: { environments: ['production'] },
    },
  ],
  maintenance: [
    {
      name: 'sat-night',
      start: '2026-01-03T22:00:00Z',
      duration: 'PT4H',
      rrule: 'FREQ=WEEKLY;BYDAY=SA',
      cis: ['database/orders-db'],
    },
  ],
  conflicts: new Map([
    [
      'CHG-13',
      [{ kind: 'freeze', message: 'the window overlaps freeze Year end (2026-12-05 00:00 – 2026-12-06 00:00 UTC)' }],
    ],
  ]),
};

describe('listCalendar', () => {
  it('merges changes and window occurrences in the range, earliest first', () => {
    expect(listCalendar(input).map((e) => `${e.start} ${e.kind} ${e.title}`)).toEqual([
      '2026-12-01T22:00:00.000Z change CHG-12 Upgrade orders-db',
      '2026-12-05T00:00:00.000Z freeze Freeze: Year end',
      '2026-12-05T22:00:00.000Z maintenance Maintenance: sat-night',
      '2026-12-05T22:00:00.000Z change CHG-13 Change 13',
    ]);
  });

  it('describes entries for people', () => {
    const [first, freeze] = listCalendar(input);
    expect(first?.description).toBe(
      'normal change, scheduled\nrequester: alice\nassignee: bob\nrisk: high (70 points)\ntouches: database/orders-db\nbusiness services: business_service/shop',
    );
    expect(freeze?.description).toBe('No changes to production during this freeze.');
  });

  it('returns nothing for an empty or inverted range', () => {
    expect(listCalendar({ ...input, to: input.from })).toEqual([]);
  });
});

describe('toICalendar', () => {
  const text = toICalendar(listCalendar(input), { stamp: '2026-11-26T09:00:00Z' });
  const parsed = ical.sync.parseICS(text);
  const events = Object.values(parsed).filter((c): c is VEvent => c?.type === 'VEVENT');

  it('writes one VEVENT per entry, with stable UIDs', () => {
    expect(events.map((e) => e.uid).sort()).toEqual([
      'chg-12@cairn',
      'chg-13@cairn',
      'freeze-year-end-20261205T000000Z@cairn',
      'maintenance-sat-night-20261205T220000Z@cairn',
    ]);
  });

  it.each([
    ['chg-12@cairn', 'CHG-12 Upgrade orders-db', '2026-12-01T22:00:00.000Z', '2026-12-01T23:00:00.000Z', 'CONFIRMED'],
    ['chg-13@cairn', 'CHG-13 Change 13', '2026-12-05T22:00:00.000Z', '2026-12-05T23:00:00.000Z', 'TENTATIVE'],
    [
      'freeze-year-end-20261205T000000Z@cairn',
      'Freeze: Year end',
      '2026-12-05T00:00:00.000Z',
      '2026-12-06T00:00:00.000Z',
      'CONFIRMED',
    ],
  ])('%s parses back with SUMMARY, DTSTART, DTEND and STATUS', (uid, summary, start, end, status) => {
    const e = events.find((x) => x.uid === uid);
    expect(e).toBeDefined();
    expect(e!.summary).toBe(summary);
    expect(e!.start.toISOString()).toBe(start);
    expect(e!.end!.toISOString()).toBe(end);
    expect(e!.status).toBe(status);
  });

  it('puts description and conflicts in DESCRIPTION, and a fixed DTSTAMP', () => {
    const e = events.find((x) => x.uid === 'chg-13@cairn')!;
    expect(e.description).toContain('normal change, authorized');
    expect(e.description).toContain('conflicts:\n- the window overlaps freeze Year end');
    expect(e.dtstamp.toISOString()).toBe('2026-11-26T09:00:00.000Z');
    expect(text).toBe(toICalendar(listCalendar(input), { stamp: '2026-11-26T09:00:00Z' }));
  });
});
