import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { InputError } from '../shared/errors.js';
import { validateChangeInput } from './change-input.js';

const VALID = `
type: normal
title: Upgrade orders-db to PostgreSQL 16.4
description: Minor upgrade
justification: Security fixes
assignee: bob
window: { start: 2026-12-01T22:00:00Z, end: 2026-12-01T23:00:00Z }
backout_plan: Restore the snapshot
plan:
  cis:
    - { class: database, name: orders-db, attributes: { version: "16.4" } }
`;

function errorsOf(doc: unknown): string[] {
  try {
    validateChangeInput(doc);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as InputError).fields?.map((f) => `${f.path} ${f.message}`) ?? [];
  }
  return [];
}

describe('validateChangeInput', () => {
  it('reads the example of DESIGN.md and normalises it', () => {
    expect(validateChangeInput(parse(VALID))).toEqual({
      type: 'normal',
      title: 'Upgrade orders-db to PostgreSQL 16.4',
      description: 'Minor upgrade',
      justification: 'Security fixes',
      category: '',
      assignee: 'bob',
      window: { start: '2026-12-01T22:00:00.000Z', end: '2026-12-01T23:00:00.000Z' },
      implementationPlan: '',
      testPlan: '',
      backoutPlan: 'Restore the snapshot',
      plan: { cis: [{ class: 'database', name: 'orders-db', attributes: { version: '16.4' } }], relations: [] },
    });
  });

  it('accepts camelCase plan texts (API bodies) and Date windows', () => {
    const d = validateChangeInput({
      type: 'emergency',
      title: 'x',
      testPlan: 'ping',
      window: { start: new Date('2026-12-01T22:00:00Z'), end: '2026-12-02T00:30:00+01:00' },
      plan: { relations: [{ type: 'runs_on', from: 'application/shop', to: 'server/web-01' }] },
    });
    expect(d.testPlan).toBe('ping');
    expect(d.window).toEqual({ start: '2026-12-01T22:00:00.000Z', end: '2026-12-01T23:30:00.000Z' });
  });

  const base = { type: 'normal', title: 't', plan: { cis: [{ class: 'server', name: 'web-01' }] } };
  it.each([
    ['not a mapping', 'nope', ['(document) must be a mapping with type, title and plan']],
    ['unknown type', { ...base, type: 'urgent' }, ['type must be one of standard, normal, emergency']],
    ['missing title', { ...base, title: undefined }, ['title is required']],
    [
      'misspelt key',
      { ...base, titel: 'x' },
      [
        'titel is not a known field (expected one of type, template, title, description, justification, category, assignee, window, plan, implementation_plan, implementationPlan, test_plan, testPlan, backout_plan, backoutPlan)',
      ],
    ],
    ['standard without template', { ...base, type: 'standard' }, ['template is required for a standard change']],
    [
      'template on a normal change',
      { ...base, template: 'x' },
      ['template applies to standard changes only, and this one is normal'],
    ],
    [
      'window end before start',
      { ...base, window: { start: '2026-12-01T23:00:00Z', end: '2026-12-01T22:00:00Z' } },
      ['window.end must be after window.start'],
    ],
    [
      'window without zone',
      { ...base, window: { start: '2026-12-01T22:00:00', end: '2026-12-01T23:00:00Z' } },
      ['window.start must be an ISO-8601 time with a zone, e.g. 2026-12-01T22:00:00Z'],
    ],
    [
      'missing plan',
      { ...base, plan: undefined },
      ['plan is required: the desired state of the CIs the change touches'],
    ],
    ['empty plan', { ...base, plan: { cis: [] } }, ['plan must change at least one CI or relationship']],
    [
      'bad ci',
      { ...base, plan: { cis: [{ class: 'a/b', labels: { team: 3 } }] } },
      [
        'plan.cis[0].name is required',
        'plan.cis[0].class may not contain a slash',
        'plan.cis[0].labels.team must be a string, or null to remove it',
      ],
    ],
    [
      'bad relation',
      { ...base, plan: { relations: [{ type: 'runs_on', from: 'web-01', to: 'server/x' }] } },
      ['plan.relations[0].from must be a CI reference class/name'],
    ],
    [
      'classes in plan',
      { ...base, plan: { ...base.plan, classes: [] } },
      ['plan may not define classes or relationship types: apply those with `cairn class apply`'],
    ],
    [
      'both spellings',
      { ...base, backout_plan: 'a', backoutPlan: 'b' },
      ['backout_plan is given twice (as backout_plan and backoutPlan)'],
    ],
  ])('%s', (_name, doc, errors) => {
    expect(errorsOf(doc)).toEqual(errors);
  });

  it('puts the field errors in the sentence', () => {
    expect(() => validateChangeInput({ ...base, type: 'x' })).toThrow(
      'change.yaml is not valid: type must be one of standard, normal, emergency',
    );
  });
});
