import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InvalidTransitionError, NotAllowedError } from '../shared/errors.js';
import { CHANGE_EVENTS, type ChangeEvent } from './change.types.js';
import { CHANGE_STATES, type ChangeState, type ChangeType } from '../lifecycle/change-lifecycle.js';
import { allowedEvents, transition } from './state-machine.js';
import type { StandardTemplate } from '../policy/templates.js';

const AT = '2026-11-20T10:00:00.000Z';

// The expected lifecycle, written out independently of the implementation's table.
// Key: `state event` → target, per type ('*' = every type).
const EXPECTED: Record<string, Partial<Record<ChangeType | '*', ChangeState>>> = {
  'draft submit': { '*': 'submitted', standard: 'authorized' },
  'draft cancel': { '*': 'cancelled' },
  'submitted authorize': { '*': 'authorized' },
  'submitted reject': { '*': 'rejected' },
  'submitted implement': { emergency: 'implementing' },
  'submitted revise': { '*': 'draft' },
  'submitted cancel': { '*': 'cancelled' },
  'authorized schedule': { '*': 'scheduled' },
  'authorized reschedule': { '*': 'submitted' },
  'authorized implement': { emergency: 'implementing' },
  'authorized reject': { '*': 'rejected' },
  'authorized revise': { '*': 'draft' },
  'authorized cancel': { '*': 'cancelled' },
  'rejected revise': { '*': 'draft' },
  'rejected cancel': { '*': 'cancelled' },
  'scheduled schedule': { '*': 'scheduled' },
  'scheduled reschedule': { '*': 'submitted' },
  'scheduled implement': { '*': 'implementing' },
  'scheduled reject': { '*': 'rejected' },
  'scheduled revise': { '*': 'draft' },
  'scheduled cancel': { '*': 'cancelled' },
  'implementing complete': { '*': 'implemented' },
  'implementing fail': { '*': 'failed' },
  'implemented fail': { '*': 'failed' },
  'implemented backout': { '*': 'backed_out' },
  'implemented review': { '*': 'reviewed' },
  'implemented close': { standard: 'closed', normal: 'closed' },
  'failed backout': { '*': 'backed_out' },
  'failed review': { '*': 'reviewed' },
  'backed_out review': { '*': 'reviewed' },
  'reviewed close': { '*': 'closed' },
};

const TYPES: ChangeType[] = ['standard', 'normal', 'emergency'];
const template: StandardTemplate = {
  name: 'rotate-certificate',
  description: 'Replace a certificate',
  classes: [{ class: 'certificate', attributes: ['expires'] }],
};
const plan = {
  cis: [{ class: 'certificate', name: 'shop-tls', attributes: { expires: '2027-12-01' } }],
  relations: [],
};

function expected(state: ChangeState, event: ChangeEvent, type: ChangeType): ChangeState | undefined {
  const row = EXPECTED[`${state} ${event}`];
  return row?.[type] ?? row?.['*'];
}

const cases = TYPES.flatMap((type) =>
  CHANGE_STATES.flatMap((state) =>
    CHANGE_EVENTS.map((event) => ({ type, state, event, to: expected(state, event, type) })),
  ),
);

describe('transition: every (type, state, event)', () => {
  it.each(cases)('$type: $state --$event--> $to', ({ type, state, event, to }) => {
    const change = { ref: 'CHG-12', type, state, plan, template: type === 'standard' ? template.name : undefined };
    const run = () => transition(change, event, 'alice', AT, 'because', { template });
    if (to === undefined) {
      expect(run).toThrow(InvalidTransitionError);
      try {
        run();
      } catch (e) {
        const message = (e as Error).message;
        expect(message).toContain(`it is ${state.replace('_', ' ')}`);
        for (const a of allowedEvents(state, type)) expect(message).toContain(`${a.event} (→ ${a.to})`);
        expect((e as InvalidTransitionError).code).toBe('CHANGE_INVALID_TRANSITION');
      }
      return;
    }
    const result = run();
    expect(result.state).toBe(to);
    expect(result.entries[0]).toEqual({
      from: state,
      to: result.entries.length === 2 ? 'submitted' : to,
      event,
      by: 'alice',
      at: AT,
      comment: 'because',
    });
  });
});

describe('transition: special paths', () => {
  it('authorizes a standard change within its template at once, recording both steps', () => {
    const r = transition(
      { ref: 'CHG-1', type: 'standard', state: 'draft', plan, template: 'rotate-certificate' },
      'submit',
      'bob',
      AT,
      undefined,
      { template },
    );
    expect(r.entries.map((e) => `${e.from}>${e.to}`)).toEqual(['draft>submitted', 'submitted>authorized']);
    expect(r.entries[1]?.comment).toBe('pre-approved by standard template rotate-certificate');
  });

  it('refuses a standard change outside its template and says where', () => {
    const outside = { cis: [{ class: 'database', name: 'orders-db', attributes: { version: '16.4' } }], relations: [] };
    const run = () =>
      transition(
        { ref: 'CHG-2', type: 'standard', state: 'draft', plan: outside, template: 'rotate-certificate' },
        'submit',
        'bob',
        AT,
        undefined,
        { template },
      );
    expect(run).toThrow(NotAllowedError);
    expect(run).toThrow('cis[0] database/orders-db: class "database" is outside template rotate-certificate');
  });

  it('refuses a standard change whose template is missing from the catalog', () => {
    const run = () =>
      transition(
        { ref: 'CHG-3', type: 'standard', state: 'draft', plan, template: 'nope' },
        'submit',
        'bob',
        AT,
        undefined,
        {},
      );
    expect(run).toThrow('template "nope", which is not in the catalog');
  });

  it('marks an emergency change implemented before authorization', () => {
    const r = transition({ ref: 'CHG-4', type: 'emergency', state: 'submitted', plan }, 'implement', 'bob', AT);
    expect(r).toEqual({
      state: 'implementing',
      implementedBeforeAuthorization: true,
      entries: [{ from: 'submitted', to: 'implementing', event: 'implement', by: 'bob', at: AT }],
    });
  });

  it.each([
    [
      'emergency',
      'implemented',
      'close',
      'Cannot close CHG-5: it is implemented; from implemented the allowed next steps are fail (→ failed), backout (→ backed_out), review (→ reviewed). An emergency change needs a retrospective review before it can be closed.',
    ],
    ['normal', 'closed', 'cancel', 'Cannot cancel CHG-5: it is closed, and nothing more can happen to it.'],
    [
      'normal',
      'authorized',
      'implement',
      'Cannot implement CHG-5: it is authorized; from authorized the allowed next steps are schedule (→ scheduled), reschedule (→ submitted), reject (→ rejected), revise (→ draft), cancel (→ cancelled). A normal change must be authorized and scheduled before it is implemented.',
    ],
  ] as const)('%s change in %s refuses %s with a full sentence', (type, state, event, message) => {
    expect(() => transition({ ref: 'CHG-5', type, state, plan }, event, 'x', AT)).toThrow(message);
  });
});

describe('docs/change-workflow.md', () => {
  // Table cells are padded to line up (Prettier); the comparison reads one space between cells.
  const doc = readFileSync(new URL('../../../docs/change-workflow.md', import.meta.url), 'utf8')
    .replace(/ +\|/g, ' |')
    .replace(/\| +/g, '| ');
  const rows = CHANGE_STATES.flatMap((state) => {
    const byEvent = new Map<string, { to: string; types: ChangeType[] }>();
    for (const type of TYPES) {
      for (const a of allowedEvents(state, type))
        byEvent.set(a.event, { to: a.to, types: [...(byEvent.get(a.event)?.types ?? []), type] });
    }
    return [...byEvent].map(
      ([event, { to, types }]) => `| ${state} | ${event} | ${to} | ${types.length === 3 ? 'all' : types.join(', ')} |`,
    );
  });
  it('lists exactly the transitions of the code', () => {
    const table = doc.split('\n').filter((l) => /^\| [a-z_]+ \| [a-z]+ \| [a-z_]+ \|/.test(l));
    expect(table).toEqual(rows);
  });
});
