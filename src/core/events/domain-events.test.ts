import { describe, expect, it } from 'vitest';
import type { ChangeActivity } from '../change/change-listeners.js';
import type { Change } from '../change/change.types.js';
import type { DriftReport } from '../drift/drift.types.js';
import { changeEvents, driftEvents } from './domain-events.js';
import type { EventType } from './event.types.js';

const change = { ref: 'CHG-3', state: 'submitted', planHash: 'p', title: 'Upgrade' } as Change;

describe('the events a write records', () => {
  it.each<[string, Partial<ChangeActivity>, EventType[]]>([
    [
      'a transition',
      { transitions: [{ from: 'draft', to: 'submitted', event: 'submit', by: 'alice', at: 't' }], decisions: [] },
      ['change.transitioned'],
    ],
    [
      'an approval that completes the quorum',
      {
        transitions: [{ from: 'submitted', to: 'authorized', event: 'authorize', by: 'bob', at: 't' }],
        decisions: [{ by: 'bob', group: 'cab', decision: 'approve', at: 't', planHash: 'p' }],
      },
      ['change.approved', 'change.transitioned'],
    ],
    ['a draft edited', { transitions: [], decisions: [] }, []],
  ])('records the change events of %s', (_name, activity, types) => {
    const drafts = changeEvents({ change, actor: 'alice', transitions: [], decisions: [], ...activity });
    expect(drafts.map((e) => e.type)).toEqual(types);
  });

  it('records drift.detected only for a check that found something', () => {
    const observation = { id: 'obs_1', source: 'scan', observedAt: 't', rev: 7, items: 1 };
    const summary = { modified: 1, missing: 0, unexpected: 0, suppressed: 0, unauthorized: 1, matched: 1 };
    const clean = { observation, summary: { ...summary, modified: 0, unauthorized: 0 }, findings: [] };
    const found = {
      observation,
      summary,
      findings: [{ id: 'f1', ref: 'server/web-01', kind: 'modified', classification: 'unauthorized', attributes: [] }],
    };
    expect(driftEvents(clean as unknown as DriftReport)).toEqual([]);
    expect(driftEvents(found as unknown as DriftReport).map((e) => e.type)).toEqual(['drift.detected']);
  });
});
