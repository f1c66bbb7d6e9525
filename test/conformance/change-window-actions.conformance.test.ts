import { afterAll, describe, expect, it } from 'vitest';
import { ConflictError, InputError, NotAllowedError } from '../../src/core/shared/errors.js';
import { changeViewerOf } from '../../src/core/auth/change-permissions.js';
import { engines } from '../helpers/engines.js';
import { authorized, changeDoc, changeWorld, cpu, implementInWindow, night, NOW } from './change.harness.js';

const codeOf = (e: unknown) => (e as { code?: string }).code;

for (const harness of engines()) {
  describe(`the approved window, required reasons and allowed actions on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());
    const world = async () => changeWorld(await harness.newStore());

    it('refuses to implement before the window opens; a change manager may override with a reason, recorded', async () => {
      const w = await world();
      const ref = await authorized(w);
      await w.changes.schedule(ref, 'bob');
      const early = await w.changes.implement(ref, 'bob').catch((e: unknown) => e);
      expect(early).toBeInstanceOf(ConflictError);
      expect(codeOf(early)).toBe('CHANGE_OUTSIDE_WINDOW');
      expect((early as Error).message).toContain(`its approved window is ${night(10).start}`);
      expect((early as Error).message).toContain('it opens in 10 days');
      expect((await w.changes.get(ref)).state).toBe('scheduled');
      // An implementer cannot override; a change manager can, and the reason is kept.
      const bob = await w.changes.implement(ref, 'bob', undefined, 'urgent').catch((e: unknown) => e);
      expect(bob).toBeInstanceOf(NotAllowedError);
      expect(codeOf(bob)).toBe('CHANGE_OVERRIDE_NOT_ALLOWED');
      const done = await w.changes.implement(ref, 'erin', undefined, 'the vendor moved the maintenance forward');
      expect(done.change.state).toBe('implemented');
      expect(done.change.windowOverride).toMatchObject({
        by: 'erin',
        reason: 'the vendor moved the maintenance forward',
      });
      expect(Date.parse(done.change.actualStart!)).toBeLessThan(Date.parse(night(10).start));
    });

    it('refuses after the window closed, and records the actual start and end when implemented in it', async () => {
      const w = await world();
      const late = await authorized(w);
      await w.changes.schedule(late, 'bob');
      w.clock.moveTo(new Date(Date.parse(night(10).end) + 5 * 3_600_000).toISOString());
      const refused = await w.changes.implement(late, 'bob').catch((e: unknown) => e);
      expect(codeOf(refused)).toBe('CHANGE_OUTSIDE_WINDOW');
      expect((refused as Error).message).toContain('it closed 5 hours ago');
      w.clock.moveTo(NOW);

      const w2 = await world();
      const ref = await authorized(w2);
      await w2.changes.schedule(ref, 'bob');
      const done = await implementInWindow(w2, ref, 'bob');
      const { actualStart, actualEnd, windowOverride } = done.change;
      expect(windowOverride).toBeUndefined();
      expect(Date.parse(actualStart!)).toBeGreaterThanOrEqual(Date.parse(night(10).start));
      expect(Date.parse(actualEnd!)).toBeGreaterThanOrEqual(Date.parse(actualStart!));
      expect((await w2.changes.get(ref)).actualEnd).toBe(actualEnd);
    });

    it('needs a reason to reject, and an outcome and notes to review', async () => {
      const w = await world();
      const c = await w.changes.create(changeDoc(cpu(8)), 'alice');
      await w.changes.submit(c.ref, 'alice');
      for (const comment of [undefined, '', '   ']) {
        const e = await w.changes.reject(c.ref, 'carol', { comment }).catch((x: unknown) => x);
        expect(e).toBeInstanceOf(InputError);
        expect(codeOf(e)).toBe('CHANGE_REASON_REQUIRED');
      }
      expect((await w.changes.get(c.ref)).approvals).toHaveLength(0);
      expect((await w.changes.reject(c.ref, 'carol', { comment: 'too risky' })).change.state).toBe('rejected');

      const ref = await authorized(w);
      await w.changes.schedule(ref, 'bob');
      await implementInWindow(w, ref, 'bob');
      for (const input of [
        { notes: 'fine' },
        { outcome: 'successful' as const },
        { outcome: 'failed' as const, notes: ' ' },
      ]) {
        const e = await w.changes.perform(ref, 'review', 'erin', input).catch((x: unknown) => x);
        expect(e).toBeInstanceOf(InputError);
        expect(codeOf(e)).toBe('CHANGE_REVIEW_INCOMPLETE');
      }
      const reviewed = await w.changes.perform(ref, 'review', 'erin', {
        outcome: 'successful_with_issues',
        notes: 'slow',
      });
      expect(reviewed.change).toMatchObject({ state: 'reviewed', outcome: 'successful_with_issues' });
    });

    it('offers each viewer only the actions the server would take from them, and lists only what awaits their decision', async () => {
      const w = await world();
      const c = await w.changes.create(changeDoc(cpu(8)), 'alice');
      const as = async (name: string, roles: ('requester' | 'cab_member' | 'change_manager' | 'implementer')[]) =>
        (await w.changes.show(c.ref, changeViewerOf({ name, roles }))).allowedActions;
      // A draft: its requester submits, cancels, edits or replans it (the edits come after the steps).
      expect(await as('alice', ['requester'])).toEqual(['submit', 'cancel', 'edit', 'replan']);
      // A CAB member (with the right to request) may not cancel, edit or replan someone else's change.
      expect(await as('carol', ['cab_member'])).toEqual([]);
      await w.changes.submit(c.ref, 'alice');
      expect(await as('carol', ['cab_member'])).toEqual(['approve', 'reject']);
      // hana is in dba only, which this change (a server) does not need: nothing for her.
      expect(await as('hana', ['cab_member'])).toEqual([]);
      expect((await w.changes.pending('hana')).map((p) => p.change.ref)).toEqual([]);
      expect((await w.changes.pending('carol')).map((p) => p.change.ref)).toEqual([c.ref]);
      // The requester and the assignee never approve their own change.
      expect(await as('bob', ['cab_member', 'implementer'])).toEqual([]);
      await w.changes.approve(c.ref, 'carol');
      // Once carol decided, the change is no longer hers to decide on.
      expect(await as('carol', ['cab_member'])).toEqual([]);
      expect((await w.changes.pending('carol')).map((p) => p.change.ref)).toEqual([]);
      await w.changes.approve(c.ref, 'frank');
      // Authorized: scheduling is a change manager's, and bob (assignee, implementer) may not cancel alice's change.
      expect(await as('bob', ['implementer'])).toEqual([]);
      expect(await as('erin', ['change_manager'])).toEqual(['cancel', 'schedule', 'replan', 'reschedule']);
      // Past draft the requester replans but no longer edits; rescheduling needs a change manager's role.
      expect(await as('alice', ['requester'])).toEqual(['cancel', 'replan']);
      // The role alone is not enough: dave (change_manager role, not in change-managers, not its
      // assignee or requester) is refused a reschedule by the service, so it is not offered.
      expect(await as('dave', ['change_manager'])).not.toContain('reschedule');
      const window = { start: night(12).start, end: night(12).end };
      expect(codeOf(await w.changes.reschedule(c.ref, 'dave', { window }).catch((e: unknown) => e))).toBe(
        'CHANGE_NOT_ALLOWED',
      );
      // The assignee given a change manager's role may reschedule it: offered, and the service agrees.
      expect(await as('bob', ['change_manager'])).toContain('reschedule');
      expect((await w.changes.reschedule(c.ref, 'bob', { window })).change.state).toBe('scheduled');
      // Without a viewer nothing is offered.
      expect((await w.changes.show(c.ref)).allowedActions).toEqual([]);
    });

    it('offers no edit once a change is implemented, and edit only on a draft', async () => {
      const w = await world();
      const ref = await authorized(w);
      const as = async (name: string) =>
        (await w.changes.show(ref, changeViewerOf({ name, roles: ['change_manager'] }))).allowedActions;
      expect(await as('erin')).not.toContain('edit');
      await w.changes.schedule(ref, 'bob');
      expect(await as('erin')).toEqual(expect.arrayContaining(['replan', 'reschedule']));
      await implementInWindow(w, ref, 'bob');
      const offered = await as('erin');
      expect(offered.filter((a) => ['edit', 'replan', 'reschedule'].includes(a))).toEqual([]);
      // What is not offered is refused: the plan is locked after implementation.
      expect(codeOf(await w.changes.replan(ref, 'erin').catch((e: unknown) => e))).toBe('CHANGE_PLAN_LOCKED');
    });
  });
}
