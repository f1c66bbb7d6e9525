import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { InputError } from '../shared/errors.js';
import { validatePolicy } from './policy-input.js';

const DESIGN_EXAMPLE = `
groups:
  - { name: cab, members: [carol, dave] }
  - { name: change-managers, members: [erin] }
rules:
  - match: { type: normal }
    require: [{ group: change-managers, quorum: 1 }]
  - match: { type: normal, risk: [high, very-high] }
    require: [{ group: cab, quorum: 2 }]
control: { environments: [production] }
freeze:
  - { name: year-end, start: 2026-12-20T00:00:00Z, end: 2027-01-04T00:00:00Z }
`;

function errorsOf(doc: unknown): string[] {
  try {
    validatePolicy(doc);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as InputError).fields?.map((f) => `${f.path} ${f.message}`) ?? [];
  }
  return [];
}

describe('validatePolicy', () => {
  it.each(['groups', 'rules', 'freeze', 'maintenance', 'templates'])(
    'reads a list left empty in YAML (%s:) as no items',
    (key) => {
      const policy = validatePolicy(parse(`${key}:\n`));
      expect(policy[key as 'groups']).toEqual([]);
    },
  );

  it('reads the example of DESIGN.md and fills in defaults', () => {
    expect(validatePolicy(parse(DESIGN_EXAMPLE))).toEqual({
      groups: [
        { name: 'cab', members: ['carol', 'dave'] },
        { name: 'change-managers', members: ['erin'] },
      ],
      rules: [
        { match: { type: ['normal'] }, require: [{ group: 'change-managers', quorum: 1 }] },
        { match: { type: ['normal'], risk: ['high', 'very-high'] }, require: [{ group: 'cab', quorum: 2 }] },
      ],
      cab: { group: 'cab', quorum: 1 },
      control: { environments: ['production'] },
      freeze: [{ name: 'year-end', start: '2026-12-20T00:00:00.000Z', end: '2027-01-04T00:00:00.000Z' }],
      maintenance: [],
      risk: {},
      templates: [],
    });
  });

  it('reads every section', () => {
    const p = validatePolicy(
      parse(`
groups: [{ name: cab, members: [carol, dave, frank] }, { name: eca, members: [erin] }]
cab: { group: cab, quorum: 2 }
emergency: { group: eca }
rules:
  - { name: prod-db, match: { class: database, environment: [production], labels: { tier: gold } }, cab: true }
freeze:
  - { name: fridays, start: 2026-01-02T12:00:00Z, duration: PT12H, rrule: "FREQ=WEEKLY;BYDAY=FR", scope: { services: [shop], environments: [production] } }
maintenance:
  - { name: sat-night, start: 2026-01-03T22:00:00Z, duration: PT4H, rrule: "FREQ=WEEKLY;BYDAY=SA", cis: [database/orders-db] }
risk:
  thresholds: { medium: 20, high: 40, veryHigh: 70 }
  businessHours: { days: [1, 2, 3, 4], start: "09:00", end: "17:30", utcOffsetMinutes: 60 }
templates:
  - name: rotate-certificate
    description: Replace an expiring certificate
    classes: [{ class: certificate, attributes: [expires, issuer], statuses: [active] }]
`),
    );
    expect(p.cab).toEqual({ group: 'cab', quorum: 2 });
    expect(p.emergency).toEqual({ group: 'eca', quorum: 1 });
    expect(p.rules[0]).toEqual({
      name: 'prod-db',
      match: { class: ['database'], environment: ['production'], labels: { tier: 'gold' } },
      require: [],
      cab: true,
    });
    expect(p.freeze[0]?.scope).toEqual({ services: ['shop'], environments: ['production'] });
    expect(p.maintenance[0]?.cis).toEqual(['database/orders-db']);
    expect(p.risk).toEqual({
      thresholds: { medium: 20, high: 40, veryHigh: 70 },
      businessHours: { days: [1, 2, 3, 4], start: '09:00', end: '17:30', utcOffsetMinutes: 60 },
    });
    expect(p.templates[0]?.classes).toEqual([
      { class: 'certificate', attributes: ['expires', 'issuer'], statuses: ['active'] },
    ]);
  });

  const groups = [{ name: 'cab', members: ['carol', 'dave'] }];
  it.each<[string, unknown, string[]]>([
    ['not a mapping', [], ['(document) must be a mapping with groups and rules']],
    [
      'unknown top key',
      { groups, rulez: [] },
      [
        'rulez is not a known field (expected one of groups, rules, cab, emergency, control, freeze, maintenance, risk, templates)',
      ],
    ],
    ['duplicate group', { groups: [...groups, ...groups] }, ['groups[1].name group "cab" is defined twice']],
    [
      'undefined group',
      { groups, rules: [{ match: { type: 'normal' }, require: [{ group: 'ops' }] }] },
      ['rules[0].require[0].group names group "ops", which is not defined under groups'],
    ],
    [
      'quorum above group size',
      { groups, rules: [{ match: {}, require: [{ group: 'cab', quorum: 3 }] }] },
      ['rules[0].require[0].quorum is 3, but group "cab" has only 2 member(s)'],
    ],
    [
      'quorum zero',
      { groups, rules: [{ match: {}, require: [{ group: 'cab', quorum: 0 }] }] },
      ['rules[0].require[0].quorum must be a whole number of at least 1'],
    ],
    [
      'bad match values',
      { groups, rules: [{ match: { type: 'urgent', risk: 'extreme', colour: 'red' }, cab: true }] },
      [
        'rules[0].match.colour is not a known field (expected one of type, risk, class, environment, labels)',
        'rules[0].match.type must be one of standard, normal, emergency',
        'rules[0].match.risk must be one of low, medium, high, very-high',
      ],
    ],
    [
      'rule requiring nothing',
      { groups, rules: [{ match: { type: 'normal' } }] },
      ['rules[0] requires nothing: give require: [{ group, quorum }] or cab: true'],
    ],
    [
      'cab: true without a cab group',
      { groups: [{ name: 'ops', members: ['x'] }], rules: [{ match: {}, cab: true }] },
      [
        'cab a rule says cab: true, but no group "cab" is defined: define it, or name the CAB group with cab: { group, quorum }',
      ],
    ],
    [
      'freeze without end',
      { freeze: [{ name: 'x', start: '2026-12-20T00:00:00Z' }] },
      ['freeze[0] needs an end or a duration'],
    ],
    [
      'freeze with a bad rrule and duration',
      { freeze: [{ name: 'x', start: '2026-12-20T00:00:00Z', duration: '4h', rrule: 'WEEKLY' }] },
      [
        'freeze[0].duration must be an ISO-8601 duration in weeks, days, hours or minutes, e.g. PT4H or P1D',
        'freeze[0].rrule is not a valid RRULE: "WEEKLY" is not an RRULE (it needs FREQ=…)',
      ],
    ],
    [
      'freeze end before start',
      { freeze: [{ name: 'x', start: '2026-12-20T00:00:00Z', end: '2026-12-19T00:00:00Z' }] },
      ['freeze[0].end must be an ISO-8601 time with a zone, after start'],
    ],
    [
      'duplicate freeze names',
      {
        freeze: [
          { name: 'x', start: '2026-12-20T00:00:00Z', duration: 'P1D' },
          { name: 'x', start: '2026-12-22T00:00:00Z', duration: 'P1D' },
        ],
      },
      ['freeze[1].name "x" is used by another freeze window'],
    ],
    [
      'maintenance for nothing',
      { maintenance: [{ name: 'm', start: '2026-12-20T00:00:00Z', duration: 'P1D' }] },
      ['maintenance[0] must name the cis or services it applies to'],
    ],
    [
      'thresholds out of order',
      { risk: { thresholds: { medium: 50, high: 40 } } },
      ['risk.thresholds must rise: medium ≤ high ≤ veryHigh'],
    ],
    // The shape is checked before the rules across fields: a bad day is reported first, alone.
    [
      'business hours with a bad day',
      { risk: { businessHours: { start: '18:00', end: '08:00', days: [0] } } },
      ['risk.businessHours.days[0] must be an ISO weekday, 1 (Monday) to 7 (Sunday)'],
    ],
    [
      'business hours backwards',
      { risk: { businessHours: { start: '18:00', end: '08:00', days: [1] } } },
      ['risk.businessHours.end must be after start'],
    ],
    [
      'template without classes',
      { templates: [{ name: 't' }] },
      ['templates[0].classes must allow at least one class'],
    ],
  ])('%s', (_n, doc, expected) => {
    expect(errorsOf(doc)).toEqual(expected);
  });
});

describe('recurrence bounds when a policy is applied (issue 12, finding 3)', () => {
  it('refuses FREQ=SECONDLY, naming the window', () => {
    const apply = () =>
      validatePolicy({
        freeze: [{ name: 'f', start: '2026-01-01T00:00:00Z', duration: 'PT1H', rrule: 'FREQ=SECONDLY' }],
      });
    expect(apply).toThrow(/freeze\[0\]\.rrule is not a valid RRULE: FREQ=SECONDLY is too frequent/);
  });
});
