import { describe, expect, it } from 'vitest';
import { validateChangeInput, validatePlan } from '../../src/core/change/change-input.js';
import { validatePolicy } from '../../src/core/policy/policy-input.js';
import { checkDocumentShape } from '../../src/core/ci/desired-state-input.js';
import { InputError, type FieldError } from '../../src/core/shared/errors.js';

/**
 * One table for the documents people write: a bad document and the field errors it gets (path and
 * message), whether the schema or a rule across fields finds them. Schemas are in src/core:
 * change-document.schema.ts and policy-document.schema.ts (with its windows and templates).
 */
type Reader = (doc: unknown) => unknown;
const readers: Record<string, Reader> = {
  change: validateChangeInput,
  plan: (doc) => validatePlan(doc, 'the plan is not valid'),
  policy: validatePolicy,
  window: (w) => validatePolicy({ freeze: [w] }),
  maintenance: (w) => validatePolicy({ maintenance: [w] }),
  template: (t) => validatePolicy({ templates: [t] }),
  desired: (doc) => {
    const errors: FieldError[] = [];
    checkDocumentShape(doc, errors);
    if (errors.length > 0) throw new InputError('INVALID_DOCUMENT', 'the document is invalid', errors);
  },
};

function fieldErrors(kind: string, doc: unknown): FieldError[] {
  try {
    readers[kind]!(doc);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return e.fields ?? [];
  }
  return [];
}

const change = { type: 'normal', title: 't', plan: { cis: [{ class: 'server', name: 'web-01' }] } };
const start = '2026-12-20T00:00:00Z';
const groups = [{ name: 'cab', members: ['carol', 'dave'] }];

describe('input documents: a bad field gets its path and a message in words', () => {
  it.each<[string, unknown, string, string]>([
    // change.yaml
    ['change', 42, '(document)', 'must be a mapping with type, title and plan'],
    ['change', { ...change, type: undefined }, 'type', 'is required (one of standard, normal, emergency)'],
    ['change', { ...change, type: 3 }, 'type', 'must be one of standard, normal, emergency'],
    ['change', { ...change, title: '   ' }, 'title', 'must be a non-empty string'],
    ['change', { ...change, title: 'x'.repeat(201) }, 'title', 'must be at most 200 characters'],
    ['change', { ...change, description: ['a'] }, 'description', 'must be a string'],
    ['change', { ...change, assignee: '' }, 'assignee', 'must be a non-empty string'],
    ['change', { ...change, window: '22:00-23:00' }, 'window', 'must be a mapping (key: value)'],
    ['change', { ...change, window: { start } }, 'window.end', 'is required'],
    [
      'change',
      { ...change, window: { start, end: start, length: 1 } },
      'window.length',
      'is not a known field (expected one of start, end)',
    ],
    [
      'change',
      { ...change, window: { start, end: 'tomorrow' } },
      'window.end',
      'must be an ISO-8601 time with a zone, e.g. 2026-12-01T22:00:00Z',
    ],
    ['change', { ...change, plan: [] }, 'plan', 'must be a mapping (key: value)'],
    ['change', { ...change, plan: { cis: {} } }, 'plan.cis', 'must be a list'],
    ['change', { ...change, plan: { cis: ['server/web-01'] } }, 'plan.cis[0]', 'must be a mapping (key: value)'],
    ['change', { ...change, plan: { cis: [{ class: 'server' }] } }, 'plan.cis[0].name', 'is required'],
    [
      'change',
      { ...change, plan: { cis: [{ class: 'server', name: 'x', attributes: 'big' }] } },
      'plan.cis[0].attributes',
      'must be a mapping (key: value)',
    ],
    [
      'change',
      { ...change, plan: { cis: [{ class: 'server', name: 'x', colour: 'red' }] } },
      'plan.cis[0].colour',
      'is not a known field (expected one of class, name, status, attributes, labels)',
    ],
    [
      'change',
      { ...change, plan: { relations: [{ type: 'runs_on', from: 'application/shop' }] } },
      'plan.relations[0].to',
      'is required',
    ],
    [
      'change',
      { ...change, plan: { delete: { cis: 'web-01' } } },
      'plan.delete.cis',
      'must be a CI reference class/name',
    ],
    [
      'change',
      { ...change, plan: { delete: { cis: ['server/a', 'web-01'] } } },
      'plan.delete.cis[1]',
      'must be a CI reference class/name',
    ],
    // a plan alone (replan)
    ['plan', null, 'plan', 'is required: the desired state of the CIs the change touches'],
    [
      'plan',
      { relations: [{ type: '', from: 'a/b', to: 'c/d' }] },
      'plan.relations[0].type',
      'must be a non-empty string',
    ],
    ['plan', { delete: {} }, 'plan', 'must change at least one CI or relationship'],
    // policy.yaml
    ['policy', 'groups', '(document)', 'must be a mapping with groups and rules'],
    ['policy', { groups: { cab: ['carol'] } }, 'groups', 'must be a list'],
    ['policy', { groups: [{ members: ['carol'] }] }, 'groups[0].name', 'is required'],
    [
      'policy',
      { groups: [{ name: 'cab', members: ['carol', 7] }] },
      'groups[0].members[1]',
      'must be a non-empty string',
    ],
    ['policy', { groups: [{ name: 'cab', members: 7 }] }, 'groups[0].members', 'must be a list of strings'],
    [
      'policy',
      { groups, rules: [{ require: { group: 'cab' } }] },
      'rules[0].require',
      'must be a list of { group, quorum }',
    ],
    [
      'policy',
      { groups, rules: [{ require: [{ group: 'cab', quorum: 1.5 }] }] },
      'rules[0].require[0].quorum',
      'must be a whole number of at least 1',
    ],
    ['policy', { groups, rules: [{ cab: 'yes' }] }, 'rules[0].cab', 'must be true or false'],
    [
      'policy',
      { groups, rules: [{ match: { risk: ['high', 'huge'] }, cab: true }] },
      'rules[0].match.risk[1]',
      'must be one of low, medium, high, very-high',
    ],
    [
      'policy',
      { groups, rules: [{ match: { labels: { tier: 1 } }, cab: true }] },
      'rules[0].match.labels.tier',
      'must be a string',
    ],
    [
      'policy',
      { groups, emergency: { group: 'eca' } },
      'emergency.group',
      'names group "eca", which is not defined under groups',
    ],
    [
      'policy',
      { control: { environments: 'production', zones: [] } },
      'control.zones',
      'is not a known field (expected one of environments)',
    ],
    [
      'policy',
      { risk: { thresholds: { medium: -1 } } },
      'risk.thresholds.medium',
      'must be a number of points, 0 or more',
    ],
    [
      'policy',
      { risk: { businessHours: { start: '8am' } } },
      'risk.businessHours.start',
      'must be a time HH:MM, e.g. 08:00',
    ],
    [
      'policy',
      { risk: { businessHours: { utcOffsetMinutes: 900 } } },
      'risk.businessHours.utcOffsetMinutes',
      'must be whole minutes east of UTC, between -840 and 840',
    ],
    // freeze and maintenance windows
    [
      'window',
      { name: 'x', duration: 'P1D' },
      'freeze[0].start',
      'must be an ISO-8601 time with a zone, e.g. 2026-12-20T00:00:00Z',
    ],
    [
      'window',
      { name: 'x', start: '2026-12-20', duration: 'P1D' },
      'freeze[0].start',
      'must be an ISO-8601 time with a zone, e.g. 2026-12-20T00:00:00Z',
    ],
    [
      'window',
      { name: 'x', start, duration: 4 },
      'freeze[0].duration',
      'must be an ISO-8601 duration in weeks, days, hours or minutes, e.g. PT4H or P1D',
    ],
    [
      'window',
      { name: 'x', start, end: '2026-12-21T00:00:00Z', duration: 'P1D' },
      'freeze[0]',
      'give either end or duration, not both',
    ],
    [
      'window',
      { name: 'x', start, duration: 'P1D', rrule: ['FREQ=DAILY'] },
      'freeze[0].rrule',
      'must be an RRULE string, e.g. FREQ=WEEKLY;BYDAY=SA',
    ],
    [
      'window',
      { name: 'x', start, duration: 'P1D', scope: { teams: ['web'] } },
      'freeze[0].scope.teams',
      'is not a known field (expected one of services, environments)',
    ],
    [
      'maintenance',
      { name: 'm', start, duration: 'PT4H', cis: [''] },
      'maintenance[0].cis[0]',
      'must be a non-empty string',
    ],
    [
      'maintenance',
      { name: 'm', start, duration: 'PT4H', scope: {} },
      'maintenance[0].scope',
      'is not a known field (expected one of name, start, end, duration, rrule, description, cis, services)',
    ],
    // the desired-state document (apply, plan, import)
    ['desired', [], '(document)', 'must be a mapping with `cis` and/or `relations`'],
    [
      'desired',
      { cis: [], kinds: [] },
      'kinds',
      'is not a known field (expected cis, relations, classes, relationTypes)',
    ],
    ['desired', { cis: { class: 'server' } }, 'cis', 'must be a list'],
    ['desired', { cis: ['server/web-01'] }, 'cis[0]', 'must be a mapping with class and name'],
    [
      'desired',
      { cis: [{ class: 'server', name: 'x', colour: 'red' }] },
      'cis[0].colour',
      'is not a known CI field (class, name, status, attributes, labels)',
    ],
    ['desired', { cis: [{ class: 'server', name: 'x'.repeat(256) }] }, 'cis[0].name', 'must be at most 255 characters'],
    ['desired', { cis: [{ class: 'server', name: 'a\tb' }] }, 'cis[0].name', 'must not contain control characters'],
    [
      'desired',
      { cis: [{ class: 'server', name: 'x', labels: { team: 7 } }] },
      'cis[0].labels.team',
      'must be a string (or null to remove it)',
    ],
    [
      'desired',
      { cis: [{ class: 'server', name: 'x', labels: { '': 'web' } }] },
      'cis[0].labels',
      'has an empty or invalid label name',
    ],
    [
      'desired',
      { cis: [{ class: 'server', name: 'x', attributes: { cpu: Infinity } }] },
      'cis[0].attributes.cpu',
      'must be a finite number',
    ],
    [
      'desired',
      { relations: [{ type: 'runs_on', from: 'application/shop' }] },
      'relations[0].to',
      'must be a CI reference written class/name',
    ],
    [
      'desired',
      { relations: [{ type: 'runs_on', from: 'shop', to: 'server/x' }] },
      'relations[0].from',
      'must be a CI reference written class/name',
    ],
    ['desired', { delete: ['server/x'] }, 'delete', 'must be a mapping with `cis` and/or `relations`'],
    ['desired', { delete: { cis: ['web-01'] } }, 'delete.cis[0]', 'must be a CI reference written class/name'],
    // standard-change templates
    ['template', { name: 't', classes: [] }, 'templates[0].classes', 'must allow at least one class'],
    ['template', { name: 't', classes: [{ attributes: ['x'] }] }, 'templates[0].classes[0].class', 'is required'],
    [
      'template',
      { name: 't', classes: [{ class: 'certificate', labels: 'yes' }] },
      'templates[0].classes[0].labels',
      'must be true or false',
    ],
    [
      'template',
      { name: 't', classes: [{ class: 'certificate' }], steps: [] },
      'templates[0].steps',
      'is not a known field (expected one of name, description, classes, relations)',
    ],
  ])('%s: %j → %s %s', (kind, doc, path, message) => {
    expect(fieldErrors(kind, doc)).toEqual([{ path, message }]);
  });

  it('shows the field errors in the sentence a terminal or `detail` prints', () => {
    expect(() => validatePolicy({ groups: [{ name: '' }] })).toThrow(
      'policy.yaml is not valid: groups[0].name must be a non-empty string',
    );
  });
});
