import { describe, expect, it } from 'vitest';
import type { DesiredState } from '../ci/desired-state.js';
import type { Approval } from '../policy/approvals.js';
import { liveApprovals, planHash, voidStaleApprovals } from './plan-hash.js';

const plan: DesiredState = {
  cis: [
    { class: 'server', name: 'web-02', attributes: { cpu: 4, os: 'ubuntu' } },
    { class: 'database', name: 'orders-db', attributes: { version: '16.4' } },
  ],
  relations: [{ type: 'runs_on', from: 'application/shop', to: 'server/web-02' }],
};

describe('planHash', () => {
  it('is a SHA-256 hex digest', () => {
    expect(planHash(plan)).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ['CIs reordered', { ...plan, cis: [...plan.cis].reverse() }, true],
    [
      'keys reordered',
      {
        relations: plan.relations,
        cis: [{ attributes: { os: 'ubuntu', cpu: 4 }, name: 'web-02', class: 'server' }, plan.cis[1]!],
      },
      true,
    ],
    [
      'an attribute value changed',
      { ...plan, cis: [{ ...plan.cis[0]!, attributes: { cpu: 8, os: 'ubuntu' } }, plan.cis[1]!] },
      false,
    ],
    [
      'an attribute removed (null)',
      { ...plan, cis: [{ ...plan.cis[0]!, attributes: { cpu: 4, os: null } }, plan.cis[1]!] },
      false,
    ],
    ['a relation dropped', { ...plan, relations: [] }, false],
  ] as const)('%s → same hash: %s', (_name, other, same) => {
    expect(planHash(other as DesiredState) === planHash(plan)).toBe(same);
  });
});

describe('voidStaleApprovals', () => {
  const h = planHash(plan);
  const a = (by: string, planHashOf: string, extra: Partial<Approval> = {}): Approval => ({
    by,
    group: 'cab',
    decision: 'approve',
    at: '2026-11-20T10:00:00.000Z',
    planHash: planHashOf,
    ...extra,
  });

  it('voids approvals and rejections given for another plan, keeping them on record', () => {
    const approvals = [
      a('carol', h),
      a('dave', 'old'),
      a('erin', 'old', { decision: 'reject' }),
      a('frank', 'older', { voided: true, voidedReason: 'earlier' }),
    ];
    const r = voidStaleApprovals(approvals, h);
    expect(r.voided).toBe(2);
    expect(r.approvals.map((x) => [x.by, x.voided ?? false, x.voidedReason])).toEqual([
      ['carol', false, undefined],
      ['dave', true, 'the plan changed after this approval'],
      ['erin', true, 'the plan changed after this rejection'],
      ['frank', true, 'earlier'],
    ]);
    expect(liveApprovals(r.approvals, h).map((x) => x.by)).toEqual(['carol']);
  });
});
