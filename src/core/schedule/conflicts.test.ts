import { describe, expect, it } from 'vitest';
import type { ChangeState } from '../lifecycle/change-lifecycle.js';
import { detectConflicts, freezeApplies, type CalendarChange } from './conflicts.js';
import type { FreezeWindow, MaintenanceWindow } from './windows.js';

function change(
  ref: string,
  extra: Partial<CalendarChange> & { cis?: [string, string, Record<string, unknown>][] } = {},
): CalendarChange {
  const { cis = [], ...rest } = extra;
  return {
    ref,
    title: `change ${ref}`,
    state: 'scheduled',
    window: { start: '2026-12-01T22:00:00Z', end: '2026-12-01T23:00:00Z' },
    plan: { cis: cis.map(([c, name, attributes]) => ({ class: c, name, attributes })), relations: [] },
    impact: {
      touched: cis.map(([c, n]) => `${c}/${n}`),
      impacted: ['application/orders'],
      businessServices: ['business_service/shop'],
      environments: ['production'],
    },
    ...rest,
  };
}

const db = (attrs: Record<string, unknown>): [string, string, Record<string, unknown>] => [
  'database',
  'orders-db',
  attrs,
];
const later = { start: '2026-12-08T22:00:00Z', end: '2026-12-08T23:00:00Z' };
const me = change('CHG-1', { cis: [db({ version: '16.4' })] });

describe('detectConflicts with other changes', () => {
  it.each<[string, CalendarChange, string[]]>([
    [
      'same attribute, different windows',
      change('CHG-2', { window: later, cis: [db({ version: '17' })] }),
      ['same-attribute: CHG-2 (scheduled) also sets attribute "version" of database/orders-db'],
    ],
    [
      'same attribute, no window at all',
      change('CHG-2', { window: undefined, state: 'submitted', cis: [db({ version: '17', port: 5433 })] }),
      ['same-attribute: CHG-2 (submitted) also sets attribute "version" of database/orders-db'],
    ],
    [
      'same CI, other attribute, same time',
      change('CHG-2', { cis: [db({ port: 5433 })] }),
      ['overlap: CHG-2 (2026-12-01 22:00–23:00 UTC) also touches database/orders-db at the same time'],
    ],
    ['same CI, other attribute, other time', change('CHG-2', { window: later, cis: [db({ port: 5433 })] }), []],
    [
      'touches a CI in my impact set',
      change('CHG-2', {
        window: { start: '2026-12-01T22:30:00Z', end: '2026-12-02T01:00:00Z' },
        cis: [['application', 'orders', { version: '2' }]],
      }),
      [
        'overlap: CHG-2 (2026-12-01 22:30 – 2026-12-02 01:00 UTC) touches application/orders, which this change impacts, at the same time',
      ],
    ],
    [
      'its impact set holds a CI I touch',
      change('CHG-2', {
        cis: [['server', 'db-host', { os: 'x' }]],
        impact: {
          touched: ['server/db-host'],
          impacted: ['database/orders-db'],
          businessServices: [],
          environments: [],
        },
      }),
      [
        'overlap: CHG-2 (2026-12-01 22:00–23:00 UTC) impacts database/orders-db, which this change touches, at the same time',
      ],
    ],
    [
      'back to back is no overlap',
      change('CHG-2', {
        window: { start: '2026-12-01T23:00:00Z', end: '2026-12-02T00:00:00Z' },
        cis: [db({ port: 1 })],
      }),
      [],
    ],
    ...(['draft', 'rejected', 'cancelled', 'implemented', 'closed'] as ChangeState[]).map(
      (state): [string, CalendarChange, string[]] => [
        `a ${state} change does not conflict`,
        change('CHG-2', { state, cis: [db({ version: '17' })] }),
        [],
      ],
    ),
    ['itself is skipped', change('CHG-1', { cis: [db({ version: '17' })] }), []],
  ])('%s', (_n, other, expected) => {
    expect(detectConflicts(me, { others: [other] }).map((c) => `${c.kind}: ${c.message}`)).toEqual(expected);
  });

  it('names the other change and the CI', () => {
    const [c] = detectConflicts(me, { others: [change('CHG-7', { cis: [db({ version: '1' })], window: later })] });
    expect(c).toMatchObject({ kind: 'same-attribute', other: 'CHG-7', ci: 'database/orders-db' });
  });
});

describe('freeze windows', () => {
  const yearEnd: FreezeWindow = { name: 'year-end', start: '2026-11-30T00:00:00Z', end: '2026-12-03T00:00:00Z' };
  const fridays: FreezeWindow = {
    name: 'no-friday-deploys',
    start: '2026-01-02T12:00:00Z',
    duration: 'PT12H',
    rrule: 'FREQ=WEEKLY;BYDAY=FR',
  };
  const friday = change('CHG-3', {
    cis: [db({ version: '1' })],
    window: { start: '2026-12-04T20:00:00Z', end: '2026-12-04T21:00:00Z' },
  });

  it.each<[string, CalendarChange, FreezeWindow, string[]]>([
    [
      'one-off freeze, no scope',
      me,
      yearEnd,
      ['the window overlaps freeze year-end (2026-11-30 00:00 – 2026-12-03 00:00 UTC)'],
    ],
    [
      'recurring freeze on a Friday evening',
      friday,
      fridays,
      ['the window overlaps freeze no-friday-deploys (2026-12-04 12:00 – 2026-12-05 00:00 UTC)'],
    ],
    ['recurring freeze, Tuesday change', me, fridays, []],
    ['scoped to another service', me, { ...yearEnd, scope: { services: ['payroll'] } }, []],
    [
      'scoped to my service by name',
      me,
      { ...yearEnd, scope: { services: ['shop'] } },
      ['the window overlaps freeze year-end (2026-11-30 00:00 – 2026-12-03 00:00 UTC)'],
    ],
    [
      'scoped to my environment',
      me,
      { ...yearEnd, scope: { environments: ['Production'] } },
      ['the window overlaps freeze year-end (2026-11-30 00:00 – 2026-12-03 00:00 UTC)'],
    ],
    ['scoped to another environment', me, { ...yearEnd, scope: { environments: ['test'] } }, []],
  ])('%s', (_n, c, freeze, expected) => {
    expect(detectConflicts(c, { others: [], freezes: [freeze] }).map((x) => x.message)).toEqual(expected);
  });

  it('records the occurrence', () => {
    expect(detectConflicts(friday, { others: [], freezes: [fridays] })[0]?.window).toEqual({
      name: 'no-friday-deploys',
      start: '2026-12-04T12:00:00.000Z',
      end: '2026-12-05T00:00:00.000Z',
    });
    expect(freezeApplies({ ...yearEnd, scope: { services: ['business_service/shop'] } }, me)).toBe(true);
  });

  it('a change without a window meets no freeze', () => {
    expect(detectConflicts({ ...me, window: undefined }, { others: [], freezes: [yearEnd] })).toEqual([]);
  });
});

describe('maintenance windows', () => {
  const tuesdayNights: MaintenanceWindow = {
    name: 'tue-night',
    start: '2026-01-06T21:00:00Z',
    duration: 'PT4H',
    rrule: 'FREQ=WEEKLY;BYDAY=TU',
    cis: ['database/orders-db'],
  };
  const sundays: MaintenanceWindow = {
    name: 'sunday',
    start: '2026-01-04T00:00:00Z',
    duration: 'PT6H',
    rrule: 'FREQ=WEEKLY;BYDAY=SU',
    services: ['shop'],
  };

  it.each<[string, CalendarChange, MaintenanceWindow[], string[]]>([
    ['inside its CI window', me, [tuesdayNights], []],
    [
      'sticking out of its CI window',
      change('CHG-1', { cis: [db({ v: 1 })], window: { start: '2026-12-02T00:30:00Z', end: '2026-12-02T01:30:00Z' } }),
      [tuesdayNights],
      ['the window 2026-12-02 00:30–01:30 UTC is outside the maintenance windows of database/orders-db (tue-night)'],
    ],
    [
      'outside the service window',
      me,
      [sundays],
      ['the window 2026-12-01 22:00–23:00 UTC is outside the maintenance windows of business_service/shop (sunday)'],
    ],
    ['no window for these CIs', me, [{ ...tuesdayNights, cis: ['server/other'] }], []],
    [
      'either of two windows of the CI will do',
      me,
      [{ ...sundays, services: [], cis: ['database/orders-db'] }, tuesdayNights],
      [],
    ],
  ])('%s', (_n, c, windows, expected) => {
    expect(detectConflicts(c, { others: [], maintenance: windows }).map((x) => x.message)).toEqual(expected);
  });
});
