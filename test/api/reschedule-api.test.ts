/* eslint-disable @typescript-eslint/no-unsafe-call -- response bodies are untyped JSON */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../helpers/engines.js';
import { newApi, problemOf, type ApiHarness } from './api-harness.js';

/*
 * Rescheduling an authorized change over HTTP: the preview, the conflicts checked again (and
 * overridden only by a change manager with a reason), the risk assessed again for the new window,
 * and the approvals rule applied again — back to submitted when the new risk needs the CAB.
 */
const MANAGER = 'token:t-change_manager';
// 2031-01-07 is a Tuesday: 22:00 UTC is outside the default business hours, 12:00 inside.
const EVENING = { start: '2031-01-07T22:00:00.000Z', end: '2031-01-07T23:00:00.000Z' };
const MIDDAY = { start: '2031-01-08T12:00:00.000Z', end: '2031-01-08T13:00:00.000Z' };
const IN_FREEZE = { start: '2031-01-14T22:00:00.000Z', end: '2031-01-14T23:00:00.000Z' };
const LATER_EVENING = { start: '2031-01-09T22:00:00.000Z', end: '2031-01-09T23:00:00.000Z' };

for (const harness of engines()) {
  describe(`reschedule over HTTP (${harness.engine})`, () => {
    let api: ApiHarness;
    let n = 0;

    beforeAll(async () => {
      api = await newApi(harness);
      // The score of the change in the evening, so that business hours (10 points) make it high.
      const probe = await api.s.changes.create(changeDoc(EVENING), 'alice');
      const score = probe.risk!.score;
      await api.s.changes.cancel(probe.ref, 'alice');
      await api.s.policies.apply(
        {
          groups: [
            { name: 'cab', members: ['carol', 'dave'] },
            { name: 'change-managers', members: ['erin', MANAGER] },
          ],
          rules: [
            { match: { type: 'normal' }, require: [{ group: 'change-managers', quorum: 1 }] },
            { match: { type: 'normal', risk: ['high', 'very-high'] }, require: [{ group: 'cab', quorum: 2 }] },
          ],
          control: { environments: ['production'] },
          freeze: [{ name: 'mid-january', start: '2031-01-12T00:00:00Z', end: '2031-01-19T00:00:00Z' }],
          risk: { thresholds: { medium: score + 1, high: score + 5, veryHigh: score + 100 } },
        },
        'erin',
      );
    });
    // Each test's changes touch the same CI: cancelled after it, so that they do not conflict with the next.
    afterEach(async () => {
      for (const c of await api.s.changes.list({ states: ['draft', 'submitted', 'authorized', 'scheduled'] }))
        await api.s.changes.cancel(c.ref, 'erin');
    });
    afterAll(async () => {
      await api.close();
      await harness.cleanup();
    });

    function changeDoc(window: { start: string; end: string }) {
      n += 1;
      return {
        type: 'normal',
        title: `Upgrade orders-db (${n})`,
        justification: 'Security fixes',
        assignee: 'bob',
        window,
        plan: { cis: [{ class: 'database', name: 'orders-db', attributes: { version: `16.${n}` } }] },
      };
    }

    /** A normal change approved by the change manager and scheduled in the evening. */
    async function scheduledChange(): Promise<string> {
      const c = await api.s.changes.create(changeDoc(EVENING), 'alice');
      await api.s.changes.submit(c.ref, 'alice');
      expect((await api.s.changes.approve(c.ref, 'erin')).change.state).toBe('authorized');
      await api.s.changes.schedule(c.ref, 'bob');
      return c.ref;
    }

    const preview = (ref: string, w: { start: string; end: string }) =>
      api.call('viewer', { url: `/api/v1/changes/${ref}/reschedule?start=${w.start}&end=${w.end}` });
    const move = (
      ref: string,
      payload: Record<string, unknown>,
      role: 'change_manager' | 'viewer' = 'change_manager',
    ) => api.call(role, { method: 'POST', url: `/api/v1/changes/${ref}/reschedule`, payload });

    it('previews a window without writing: its conflicts, risk and what the approvals say', async () => {
      const ref = await scheduledChange();
      const before = await api.s.changes.get(ref);
      const frozen = await preview(ref, IN_FREEZE);
      expect(frozen.statusCode, frozen.body).toBe(200);
      expect(frozen.json()).toMatchObject({ ref, window: IN_FREEZE, nextState: 'scheduled' });
      expect(frozen.json().conflicts.map((c: { kind: string }) => c.kind)).toContain('freeze');
      const midday = (await preview(ref, MIDDAY)).json();
      expect(midday.risk.level).toBe('high');
      expect(midday.nextState).toBe('submitted');
      expect(midday.approvalStatus.groups).toContainEqual(expect.objectContaining({ group: 'cab', missing: 2 }));
      expect(await api.s.changes.get(ref)).toEqual(before);
    });

    it('refuses a window with conflicts unless a change manager overrides them with a reason', async () => {
      const ref = await scheduledChange();
      const refused = await move(ref, { window: IN_FREEZE });
      expect(refused.statusCode).toBe(409);
      expect(problemOf(refused).code).toBe('CHANGE_CONFLICTS');
      expect((await api.s.changes.get(ref)).window).toEqual(EVENING);
      const overridden = await move(ref, { window: IN_FREEZE, overrideReason: 'The vendor is only available then' });
      expect(overridden.statusCode, overridden.body).toBe(200);
      expect(overridden.json().change).toMatchObject({
        state: 'scheduled',
        window: IN_FREEZE,
        conflictOverride: { by: MANAGER, reason: 'The vendor is only available then' },
      });
      // Out of the freeze again: the override no longer applies and is dropped.
      const out = await move(ref, { window: LATER_EVENING, comment: 'out of the freeze' });
      expect(out.json().change.window).toEqual(LATER_EVENING);
      expect(out.json().change.conflictOverride).toBeUndefined();
      expect(out.json().change.history.at(-1)).toMatchObject({
        event: 'schedule',
        from: 'scheduled',
        to: 'scheduled',
        comment: `moved from ${IN_FREEZE.start} – ${IN_FREEZE.end} to ${LATER_EVENING.start} – ${LATER_EVENING.end}: out of the freeze`,
      });
    });

    it('sends the change back for the approvals its new risk needs, keeping those given', async () => {
      const ref = await scheduledChange();
      const moved = await move(ref, { window: MIDDAY });
      expect(moved.statusCode, moved.body).toBe(200);
      const body = moved.json();
      expect(body.nextState).toBe('submitted');
      expect(body.change).toMatchObject({ state: 'submitted', window: MIDDAY, risk: { level: 'high' } });
      expect(body.change.history.at(-1)).toMatchObject({ event: 'reschedule', from: 'scheduled', to: 'submitted' });
      expect(body.change.history.at(-1).comment).toContain('cab needs 2 more');
      expect(body.change.approvals).toEqual([expect.objectContaining({ by: 'erin', decision: 'approve' })]);
      expect((await api.s.changes.pending('carol')).map((p) => p.change.ref)).toContain(ref);
      await api.s.changes.approve(ref, 'carol');
      expect((await api.s.changes.approve(ref, 'dave')).change.state).toBe('authorized');
      // Authorized again: moving it back to the evening schedules it, its approvals still enough.
      const back = await move(ref, { window: EVENING });
      expect(back.json().change).toMatchObject({ state: 'scheduled', window: EVENING });
    });

    it('refuses a change that is not authorized or scheduled, a window that ends before it starts, and a viewer', async () => {
      const draft = await api.s.changes.create(changeDoc(EVENING), 'alice');
      const notYet = await move(draft.ref, { window: LATER_EVENING });
      expect(problemOf(notYet)).toMatchObject({ status: 409, code: 'CHANGE_INVALID_TRANSITION' });
      expect(problemOf(notYet).detail).toContain('only an authorized or scheduled change can be rescheduled');
      const ref = await scheduledChange();
      const backwards = await move(ref, { window: { start: LATER_EVENING.end, end: LATER_EVENING.start } });
      expect(problemOf(backwards)).toMatchObject({ status: 400, code: 'CHANGE_WINDOW_INVALID' });
      expect(problemOf(await move(ref, { window: LATER_EVENING }, 'viewer')).status).toBe(403);
      expect((await api.s.changes.get(ref)).window).toEqual(EVENING);
    });
  });
}
