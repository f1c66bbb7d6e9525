import { describe, expect, it } from 'vitest';
import { InvalidTransitionError } from '../shared/errors.js';
import { addApproval, applyTransition, createChange, replacePlan, reviewChange } from './change-updates.js';
import type { ChangeDraft } from './change-input.js';
import { planHash } from './plan-hash.js';

const AT = '2026-11-20T10:00:00.000Z';
const LATER = '2026-11-21T10:00:00.000Z';
const draft: ChangeDraft = {
  type: 'normal',
  title: 'Upgrade orders-db',
  description: '',
  justification: '',
  category: 'database',
  assignee: 'bob',
  implementationPlan: '',
  testPlan: '',
  backoutPlan: 'restore',
  window: { start: '2026-12-01T22:00:00.000Z', end: '2026-12-01T23:00:00.000Z' },
  plan: { cis: [{ class: 'database', name: 'orders-db', attributes: { version: '16.4' } }], relations: [] },
};
const newer = { cis: [{ class: 'database', name: 'orders-db', attributes: { version: '16.5' } }], relations: [] };

describe('change operations', () => {
  const created = createChange(draft, { id: 12, requester: 'alice', at: AT, baseRevision: 7 });

  it('creates a draft with its number, plan hash and base revision', () => {
    expect(created).toMatchObject({
      id: 12,
      ref: 'CHG-12',
      state: 'draft',
      requester: 'alice',
      assignee: 'bob',
      baseRevision: 7,
      planHash: planHash(draft.plan),
      approvals: [],
      history: [],
    });
  });

  it('walks a normal change through its whole lifecycle', () => {
    let c = created;
    for (const event of ['submit', 'authorize', 'schedule', 'implement', 'complete'] as const)
      c = applyTransition(c, event, 'erin', AT);
    c = reviewChange(c, { outcome: 'successful', notes: 'fine' }, 'erin', LATER);
    c = applyTransition(c, 'close', 'erin', LATER);
    expect(c.state).toBe('closed');
    expect(c.history.map((h) => h.to)).toEqual([
      'submitted',
      'authorized',
      'scheduled',
      'implementing',
      'implemented',
      'reviewed',
      'closed',
    ]);
    expect(c.review).toEqual({ outcome: 'successful', notes: 'fine', by: 'erin', at: LATER });
    expect(created.state).toBe('draft'); // never mutated
  });

  it('binds approvals to the plan and voids them when the plan changes, back to draft', () => {
    let c = applyTransition(created, 'submit', 'alice', AT);
    c = addApproval(c, { by: 'carol', group: 'cab', decision: 'approve', at: AT });
    expect(c.approvals[0]?.planHash).toBe(c.planHash);
    const same = replacePlan(c, { relations: [], cis: [...draft.plan.cis] }, 8, 'alice', LATER);
    expect(same).toMatchObject({ state: 'submitted', baseRevision: 8, approvals: [{ by: 'carol' }] });
    expect(same.approvals[0]?.voided).toBeUndefined();
    const edited = replacePlan(c, newer, 9, 'alice', LATER);
    expect(edited).toMatchObject({ state: 'draft', planHash: planHash(newer), baseRevision: 9 });
    expect(edited.approvals[0]).toMatchObject({
      by: 'carol',
      voided: true,
      voidedReason: 'the plan changed after this approval',
    });
    expect(edited.history.at(-1)).toEqual({
      from: 'submitted',
      to: 'draft',
      event: 'revise',
      by: 'alice',
      at: LATER,
      comment: 'plan changed: approvals given so far are void',
    });
  });

  it('refuses to change the plan once implementation started', () => {
    const c = { ...created, state: 'implementing' as const };
    expect(() => replacePlan(c, newer, 9, 'alice', LATER)).toThrow(InvalidTransitionError);
    expect(() => replacePlan(c, newer, 9, 'alice', LATER)).toThrow(
      'Cannot change the plan of CHG-12: it is implementing; a plan can change only before implementation.',
    );
  });

  it('marks an emergency change implemented before authorization', () => {
    const e = applyTransition(
      applyTransition({ ...created, type: 'emergency' }, 'submit', 'alice', AT),
      'implement',
      'bob',
      AT,
    );
    expect(e.implementedBeforeAuthorization).toBe(true);
  });
});
