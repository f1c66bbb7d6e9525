import { describe, expect, it } from 'vitest';
import type { PlainDiff as Diff } from './diff.js';
import { restorePlan } from './revert.js';

function diff(over: Partial<Diff> = {}): Diff {
  return {
    added: [],
    removed: [],
    modified: [],
    relations: { added: [], removed: [], modified: [] },
    ...over,
  };
}

describe('restorePlan', () => {
  const cases: [string, Partial<Diff>, unknown][] = [
    ['an empty diff restores nothing', {}, { cis: [], relations: [] }],
    [
      'a CI that existed then is re-created with its status, attributes and labels',
      {
        added: [
          { ref: 'server/web-01', id: 'ci_1', status: 'active', attributes: { cpu: 4 }, labels: { team: 'ops' } },
        ],
      },
      {
        cis: [{ class: 'server', name: 'web-01', status: 'active', attributes: { cpu: 4 }, labels: { team: 'ops' } }],
        relations: [],
      },
    ],
    [
      'a name with slashes keeps them',
      { added: [{ ref: 'k8s_deployment/ns/app', id: 'ci_1', status: 'active', attributes: {}, labels: {} }] },
      {
        cis: [{ class: 'k8s_deployment', name: 'ns/app', status: 'active', attributes: {}, labels: {} }],
        relations: [],
      },
    ],
    [
      'a CI that did not exist then is deleted',
      { removed: [{ ref: 'server/new', id: 'ci_2' }] },
      { cis: [], relations: [], delete: { cis: ['server/new'], relations: [] } },
    ],
    [
      'modified fields are set back; a key that did not exist becomes null',
      {
        modified: [
          {
            ref: 'server/web-01',
            id: 'ci_1',
            changes: [
              { path: 'status', from: 'retired', to: 'active', change: 'changed' },
              { path: 'attributes.cpu', from: 8, to: 4, change: 'changed' },
              { path: 'attributes.gpu', from: 1, to: null, change: 'removed' },
              { path: 'labels.team', from: 'dev', to: 'ops', change: 'changed' },
              { path: 'labels.tier', from: 'x', to: null, change: 'removed' },
            ],
          },
        ],
      },
      {
        cis: [
          {
            class: 'server',
            name: 'web-01',
            status: 'active',
            attributes: { cpu: 4, gpu: null },
            labels: { team: 'ops', tier: null },
          },
        ],
        relations: [],
      },
    ],
    [
      'a modified CI with only a label change carries no status or attributes',
      {
        modified: [
          { ref: 'server/a', id: 'ci_1', changes: [{ path: 'labels.x', from: '1', to: '2', change: 'changed' }] },
        ],
      },
      { cis: [{ class: 'server', name: 'a', labels: { x: '2' } }], relations: [] },
    ],
    [
      'a relationship that existed then is re-created',
      {
        relations: {
          added: [
            { ref: 'x', id: 'rel_1', type: 'runs_on', from: 'app/shop', to: 'server/web-01', attributes: { port: 80 } },
          ],
          removed: [],
          modified: [],
        },
      },
      { cis: [], relations: [{ type: 'runs_on', from: 'app/shop', to: 'server/web-01', attributes: { port: 80 } }] },
    ],
    [
      'a modified relationship is read from its reference, names with spaces included',
      {
        relations: {
          added: [],
          removed: [],
          modified: [
            {
              ref: 'app/shop front runs_on server/web 01',
              id: 'rel_1',
              changes: [{ path: 'attributes.port', from: 81, to: 80, change: 'changed' }],
            },
          ],
        },
      },
      {
        cis: [],
        relations: [{ type: 'runs_on', from: 'app/shop front', to: 'server/web 01', attributes: { port: 80 } }],
      },
    ],
    [
      'relationships of deleted CIs are not listed; the others are',
      {
        removed: [{ ref: 'server/new', id: 'ci_2' }],
        relations: {
          added: [],
          removed: [
            { ref: 'r1', id: 'rel_1', type: 'runs_on', from: 'app/shop', to: 'server/new' },
            { ref: 'r2', id: 'rel_2', type: 'depends_on', from: 'server/new', to: 'db/main' },
            { ref: 'r3', id: 'rel_3', type: 'depends_on', from: 'app/shop', to: 'db/main' },
          ],
          modified: [],
        },
      },
      {
        cis: [],
        relations: [],
        delete: { cis: ['server/new'], relations: [{ type: 'depends_on', from: 'app/shop', to: 'db/main' }] },
      },
    ],
    [
      'only a relationship to end still gives a delete section',
      {
        relations: {
          added: [],
          removed: [{ ref: 'r', id: 'rel_1', type: 'runs_on', from: 'a/x', to: 'b/y' }],
          modified: [],
        },
      },
      { cis: [], relations: [], delete: { cis: [], relations: [{ type: 'runs_on', from: 'a/x', to: 'b/y' }] } },
    ],
  ];

  it.each(cases)('%s', (_label, over, expected) => {
    expect(restorePlan(diff(over))).toEqual(expected);
  });

  it('refuses a relationship reference it cannot read', () => {
    const bad = diff({
      relations: { added: [], removed: [], modified: [{ ref: 'no-type-here', id: 'rel_1', changes: [] }] },
    });
    expect(() => restorePlan(bad)).toThrow('cannot read relationship reference "no-type-here"');
  });
});
