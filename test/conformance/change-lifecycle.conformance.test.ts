import { afterAll, describe, expect, it } from 'vitest';
import { CHANGE_EVENTS, type ChangeEvent } from '../../src/core/change/change.types.js';
import { CHANGE_STATES } from '../../src/core/lifecycle/change-lifecycle.js';
import { allowedEvents } from '../../src/core/change/state-machine.js';
import { InvalidTransitionError, NotAllowedError } from '../../src/core/shared/errors.js';
import { openStore } from '../../src/store/connect.js';
import { engines } from '../helpers/engines.js';
import {
  authorized,
  changeDoc,
  changeWorld,
  cpu,
  night,
  type ChangeWorld,
  implementInWindow,
  movableClock,
} from './change.harness.js';

for (const harness of engines()) {
  describe(`change lifecycle on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());
    const world = async () => changeWorld(await harness.newStore());

    it('takes a normal change from draft to closed, with one revision recording the change', async () => {
      const w = await world();
      const created = await w.changes.create(changeDoc(cpu(8), { title: 'More CPU for web-01' }), 'alice');
      expect(created).toMatchObject({ ref: 'CHG-1', state: 'draft', requester: 'alice', assignee: 'bob' });
      expect(created.impact?.touched).toEqual(['server/web-01']);
      expect(created.impact?.impacted).toEqual(
        expect.arrayContaining(['application/shop-frontend', 'business_service/shop']),
      );
      expect(created.impact?.businessServices).toEqual(['business_service/shop']);
      expect(created.risk?.factors.map((f) => f.factor)).toHaveLength(7);
      await w.changes.submit('CHG-1', 'alice');
      expect((await w.changes.approve('CHG-1', 'carol')).change.state).toBe('submitted');
      expect((await w.changes.approve('CHG-1', 'frank', { comment: 'fine' })).change.state).toBe('authorized');
      expect((await w.changes.schedule('CHG-1', 'bob')).change.state).toBe('scheduled');
      const done = await implementInWindow(w, 'CHG-1', 'bob');
      expect(done.change).toMatchObject({ state: 'implemented', implementedRevision: done.outcome.revision!.rev });
      expect(done.outcome.revision).toMatchObject({ changeId: 'CHG-1', source: 'change', author: 'bob' });
      expect((await w.cmdb.getCi({ class: 'server', name: 'web-01' })).attributes.cpu).toBe(8);
      expect(await w.history.resolvePoint('CHG-1')).toBe(done.outcome.revision!.rev);
      await w.changes.review('CHG-1', 'erin', { outcome: 'successful', notes: 'all good' });
      const closed = await w.changes.close('CHG-1', 'erin');
      expect(closed).toMatchObject({
        state: 'closed',
        outcome: 'successful',
        review: { by: 'erin', notes: 'all good' },
      });
      expect(closed.history.map((h) => h.to)).toEqual([
        'submitted',
        'authorized',
        'scheduled',
        'implementing',
        'implemented',
        'reviewed',
        'closed',
      ]);
      // Read back from the database, not from memory: history and approvals survive.
      expect((await w.changes.get('CHG-1')).history).toEqual(closed.history);
      expect((await w.changes.get('CHG-1')).approvals.map((a) => a.by)).toEqual(['carol', 'frank']);
    });

    it('authorizes a standard change within its template at once, and refuses one outside it', async () => {
      const w = await world();
      const c = await w.changes.create(changeDoc(cpu(6), { type: 'standard', template: 'resize-server' }), 'alice');
      expect((await w.changes.submit(c.ref, 'alice')).state).toBe('authorized');
      await w.changes.schedule(c.ref, 'bob');
      expect((await implementInWindow(w, c.ref, 'bob')).change.state).toBe('implemented');
      expect((await w.changes.close(c.ref, 'erin')).state).toBe('closed');
      const outside = changeDoc(
        { cis: [{ class: 'server', name: 'web-01', attributes: { os: 'x' } }] },
        { type: 'standard', template: 'resize-server' },
      );
      await expect(w.changes.create(outside, 'alice')).rejects.toThrow(
        /steps outside its standard template: cis\[0\] server\/web-01 attribute "os" is outside template resize-server/,
      );
    });

    it('counts the changes in each state, every state named', async () => {
      const w = await world();
      const closed = await w.changes.create(
        changeDoc(cpu(6), { type: 'standard', template: 'resize-server' }),
        'alice',
      );
      await w.changes.submit(closed.ref, 'alice');
      await w.changes.schedule(closed.ref, 'bob');
      await implementInWindow(w, closed.ref, 'bob');
      await w.changes.close(closed.ref, 'erin');
      await w.changes.create(changeDoc(cpu(8)), 'alice');
      await w.changes.create(changeDoc(cpu(12)), 'dave');
      const counts = await w.changes.countByState();
      expect(Object.keys(counts).sort()).toEqual([...CHANGE_STATES].sort());
      expect(Object.entries(counts).filter(([, n]) => n > 0)).toEqual([
        ['draft', 2],
        ['closed', 1],
      ]);
    });

    it('lets an emergency change implement before approval, and close only after a retrospective review', async () => {
      const w = await world();
      const c = await w.changes.create(changeDoc(cpu(16), { type: 'emergency', window: undefined }), 'alice');
      await w.changes.submit(c.ref, 'alice');
      await expect(w.changes.approve(c.ref, 'carol')).rejects.toThrow(
        /carol is not in any group whose approval CHG-1 needs \(emergency \(1\)\)/,
      );
      const done = await implementInWindow(w, c.ref, 'bob');
      expect(done.change).toMatchObject({ state: 'implemented', implementedBeforeAuthorization: true });
      await expect(w.changes.close(c.ref, 'erin')).rejects.toThrow(
        /needs a retrospective review before it can be closed/,
      );
      expect((await w.changes.approve(c.ref, 'gina')).evaluation.satisfied).toBe(true);
      await w.changes.review(c.ref, 'erin', { outcome: 'successful_with_issues', notes: 'retrospective' });
      expect((await w.changes.close(c.ref, 'erin')).state).toBe('closed');
    });

    it('refuses every illegal transition through the service, naming the state and the next steps', async () => {
      const w = await world();
      const c = await w.changes.create(changeDoc(cpu(3)), 'alice');
      const act: Partial<Record<ChangeEvent, () => Promise<unknown>>> = {
        submit: () => w.changes.submit(c.ref, 'alice'),
        schedule: () => w.changes.schedule(c.ref, 'bob'),
        implement: () => implementInWindow(w, c.ref, 'bob'),
        fail: () => w.changes.fail(c.ref, 'bob'),
        backout: () => w.changes.backout(c.ref, 'bob'),
        review: () => w.changes.review(c.ref, 'erin', { outcome: 'successful', notes: '' }),
        close: () => w.changes.close(c.ref, 'erin'),
      };
      const allowed = new Set(allowedEvents('draft', 'normal').map((a) => a.event));
      for (const event of CHANGE_EVENTS) {
        const run = act[event];
        if (!run || allowed.has(event)) continue;
        const error = await run().catch((e: unknown) => e);
        expect(error, event).toBeInstanceOf(InvalidTransitionError);
        expect((error as Error).message).toContain(
          'it is draft; from draft the allowed next steps are submit (→ submitted), cancel (→ cancelled)',
        );
      }
      expect((await w.changes.get(c.ref)).state).toBe('draft');
      await w.changes.cancel(c.ref, 'alice');
      await expect(w.changes.submit(c.ref, 'alice')).rejects.toThrow(
        /it is cancelled, and nothing more can happen to it/,
      );
      expect(CHANGE_STATES).toContain('cancelled');
    });

    it('enforces segregation of duties and who may act', async () => {
      const w = await world();
      const dbChange = changeDoc(
        { cis: [{ class: 'database', name: 'orders-db', attributes: { version: '16.4' } }] },
        { assignee: 'carol' },
      );
      const c = await w.changes.create(dbChange, 'dave');
      await expect(w.changes.submit(c.ref, 'bob')).rejects.toThrow(
        /bob may not submit CHG-1: only its requester \(dave\)/,
      );
      await w.changes.submit(c.ref, 'dave');
      await expect(w.changes.approve(c.ref, 'dave')).rejects.toThrow(/dave requested CHG-1 and cannot approve/);
      await expect(w.changes.approve(c.ref, 'carol')).rejects.toThrow(/carol is the assignee of CHG-1/);
      await expect(w.changes.approve(c.ref, 'zed')).rejects.toThrow(NotAllowedError);
      // hana is a DBA, frank on the CAB; one more CAB approver is needed.
      await w.changes.approve(c.ref, 'hana', { group: 'dba' });
      await w.changes.approve(c.ref, 'frank', { group: 'cab' });
      const view = await w.changes.show(c.ref);
      expect(view.approvalStatus.groups.find((g) => g.group === 'cab')).toMatchObject({ missing: 1, satisfied: false });
      await expect(w.changes.review(c.ref, 'frank', { outcome: 'successful', notes: '' })).rejects.toThrow(
        /only a change manager/,
      );
    });

    it('counts quorum, voids approvals when the plan is rebased, and rejects on one rejection', async () => {
      const w = await world();
      const ref = await authorized(w);
      expect((await w.changes.get(ref)).state).toBe('authorized');
      const replanned = await w.changes.replan(ref, 'alice', {
        cis: [{ class: 'server', name: 'web-01', attributes: { cpu: 12 } }],
        relations: [],
      });
      expect(replanned.state).toBe('draft');
      expect(replanned.approvals.every((a) => a.voided === true)).toBe(true);
      expect((await w.changes.show(ref)).approvalStatus.ignored[0]?.reason).toMatch(/void/);
      await w.changes.submit(ref, 'alice');
      const rejected = await w.changes.reject(ref, 'dave', { comment: 'not now' });
      expect(rejected.change.state).toBe('rejected');
      expect(rejected.change.history.at(-1)).toMatchObject({ event: 'reject', by: 'dave', comment: 'not now' });
    });

    it('counts approvals arriving at the same moment exactly once each', async () => {
      const url = await harness.newDatabaseUrl();
      const a = await changeWorld(await openStore(url), {
        policy: {
          groups: [{ name: 'cab', members: ['carol', 'dave', 'frank'] }],
          rules: [{ match: { type: ['normal'] }, require: [{ group: 'cab', quorum: 3 }] }],
        },
      });
      const c = await a.changes.create(changeDoc(cpu(5)), 'alice');
      await a.changes.submit(c.ref, 'alice');
      // PostgreSQL: a second pool, so the approvals race on the server; SQLite: one connection queues them.
      const b: ChangeWorld = harness.engine === 'postgres' ? await changeWorldOn(url) : a;
      const results = await Promise.allSettled([
        a.changes.approve(c.ref, 'carol'),
        b.changes.approve(c.ref, 'dave'),
        a.changes.approve(c.ref, 'frank'),
        b.changes.approve(c.ref, 'carol'),
      ]);
      // carol's second approval either counts once with her first, or arrives after authorization.
      expect(results.filter((r) => r.status === 'fulfilled').length).toBeGreaterThanOrEqual(3);
      for (const r of results)
        if (r.status === 'rejected')
          expect(String(r.reason)).toMatch(/CHG-1 is authorized: approvals are recorded while a change is submitted/);
      const final = await a.changes.get(c.ref);
      expect(final.state).toBe('authorized');
      const view = await a.changes.show(c.ref);
      expect(view.approvalStatus.groups[0]!.approvedBy.sort()).toEqual(['carol', 'dave', 'frank']);
      expect(final.history.filter((h) => h.event === 'authorize')).toHaveLength(1);
      await a.store.close();
      if (b !== a) await b.store.close();
    });
  });
}

/** A second set of services on an existing database (its own pool), without loading data again. */
async function changeWorldOn(url: string): Promise<ChangeWorld> {
  const { createChangeServices } = await import('../../src/core/change/change-services.js');
  const { changeControlGuard } = await import('../../src/core/change/change-control.guard.js');
  const { createCmdbServices } = await import('../../src/core/cmdb/cmdb-services.js');
  const { KyselyChangeStore } = await import('../../src/store/repositories/change/change.store.js');
  const store = await openStore(url);
  const clock = movableClock(night(0).start, 1000);
  const changeStore = new KyselyChangeStore(store);
  const cmdb = createCmdbServices(store, { clock, guard: changeControlGuard(changeStore, clock) });
  return { ...cmdb, ...createChangeServices(cmdb, changeStore, clock), changeStore, clock };
}
