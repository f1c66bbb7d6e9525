import { afterAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../src/core/audit/verify.js';
import { verifyChangeRecords } from '../../src/core/audit/verify-records.js';
import { NotAllowedError, PreconditionFailedError } from '../../src/core/shared/errors.js';
import { sql } from 'kysely';
import { engines } from '../helpers/engines.js';
import { meta } from '../helpers/fixtures.js';
import { authorized, changeDoc, changeWorld, cpu, implementInWindow } from './change.harness.js';

const web01 = { class: 'server', name: 'web-01' };

for (const harness of engines()) {
  describe(`implementation, backout and change control on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());
    const world = async () => changeWorld(await harness.newStore());

    it('refuses a direct write to a controlled CI, naming it and how to proceed; creating stays open', async () => {
      const w = await world();
      const direct = w.cmdb.apply({ cis: [{ ...web01, attributes: { cpu: 32 } }], relations: [] }, meta());
      await expect(direct).rejects.toThrow(NotAllowedError);
      await expect(direct).rejects.toThrow(
        /server\/web-01 is under change control: open a change with `cairn change create`, or write anyway with --emergency --reason/,
      );
      await expect(w.cmdb.deleteCis([web01], meta())).rejects.toThrow(/server\/web-01 is under change control/);
      // Staging CIs and new production CIs are not controlled.
      expect(
        (
          await w.cmdb.apply(
            { cis: [{ class: 'linux_server', name: 'web-02', attributes: { cpu: 8 } }], relations: [] },
            meta(),
          )
        ).revision,
      ).not.toBeNull();
      expect(
        (
          await w.cmdb.apply(
            {
              cis: [{ class: 'server', name: 'web-09', attributes: { environment: 'production', cpu: 2 } }],
              relations: [],
            },
            meta(),
          )
        ).revision,
      ).not.toBeNull();
      expect((await w.cmdb.getCi(web01)).attributes.cpu).toBe(2);
    });

    it('refuses modifying or ending a relationship of a controlled CI outside a change; adding one stays open', async () => {
      const w = await world();
      const rackLink = { type: 'contains', from: 'rack/r1', to: 'server/web-01' };
      const ended = w.cmdb.apply({ cis: [], relations: [], delete: { relations: [rackLink] } }, meta());
      await expect(ended).rejects.toThrow(/server\/web-01 is under change control/);
      await expect(
        w.cmdb.apply({ cis: [], relations: [{ ...rackLink, attributes: { position: 'U12' } }] }, meta()),
      ).rejects.toThrow(/server\/web-01 is under change control/);
      // A new relationship to it, and the end of a staging CI's relationship, are not controlled.
      expect(
        (
          await w.cmdb.apply(
            { cis: [], relations: [{ type: 'connects_to', from: 'linux_server/web-02', to: 'server/web-01' }] },
            meta(),
          )
        ).revision,
      ).not.toBeNull();
      const stagingLink = { type: 'connects_to', from: 'linux_server/web-02', to: 'server/web-03' };
      await w.cmdb.apply(
        {
          cis: [{ class: 'server', name: 'web-03', attributes: { environment: 'staging', cpu: 2 } }],
          relations: [stagingLink],
        },
        meta(),
      );
      expect(
        (await w.cmdb.apply({ cis: [], relations: [], delete: { relations: [stagingLink] } }, meta())).revision,
      ).not.toBeNull();
      const emergency = await w.cmdb.apply(
        { cis: [], relations: [], delete: { relations: [rackLink] } },
        { ...meta(), emergency: { reason: 'rack moved, INC-9' } },
      );
      expect(emergency.revision).not.toBeNull();
      expect(await w.changes.unauthorized()).toMatchObject([{ cis: ['server/web-01'], reason: 'rack moved, INC-9' }]);
    });

    it('writes anyway on the emergency path, lists the unauthorized change until a retrospective change is attached', async () => {
      const w = await world();
      const out = await w.cmdb.apply(
        { cis: [{ ...web01, attributes: { cpu: 32 } }], relations: [] },
        { ...meta(), emergency: { reason: 'outage INC-7' } },
      );
      const rev = out.revision!.rev;
      expect(await w.changes.unauthorized()).toMatchObject([
        { revision: rev, author: 'tester', reason: 'outage INC-7', cis: ['server/web-01'], retrospectiveChange: null },
      ]);
      const retro = await w.changes.create(
        changeDoc(cpu(32), { type: 'emergency', title: 'Retrospective: INC-7' }),
        'alice',
      );
      const attached = await w.changes.attach(retro.ref, rev, 'alice');
      expect(attached.unauthorized).toMatchObject({
        revision: rev,
        retrospectiveChange: retro.ref,
        reason: 'outage INC-7',
      });
      expect(await w.changes.unauthorized()).toEqual([]);
      expect(await w.changes.unauthorized({ all: true })).toHaveLength(1);
      await expect(w.changes.attach(retro.ref, rev, 'alice')).rejects.toThrow(/already covered by CHG-1/);
    });

    it('refuses to implement when a touched CI changed since the plan, then implements after replan', async () => {
      const w = await world();
      const ref = await authorized(w);
      await w.changes.schedule(ref, 'bob');
      const base = (await w.changes.get(ref)).baseRevision;
      const edit = await w.cmdb.apply(
        { cis: [{ ...web01, attributes: { memory_gb: 64 } }], relations: [] },
        { ...meta(), emergency: { reason: 'hotfix' } },
      );
      const refused = await implementInWindow(w, ref, 'bob').catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(PreconditionFailedError);
      expect((refused as Error).message).toBe(
        `Cannot implement ${ref}: CIs its plan touches changed since the plan was made against revision ${base}: server/web-01 (revision ${edit.revision!.rev}). ` +
          `Look at what changed (\`cairn diff ${base}\`), then rebase the plan with \`cairn change replan ${ref}\`.`,
      );
      expect((await w.changes.get(ref)).state).toBe('scheduled');
      const rebased = await w.changes.replan(ref, 'alice');
      expect(rebased).toMatchObject({ state: 'draft', baseRevision: edit.revision!.rev });
      expect(rebased.approvals.map((a) => a.voided)).toEqual([true, true]);
      await w.changes.submit(ref, 'alice');
      await w.changes.approve(ref, 'carol');
      await w.changes.approve(ref, 'dave');
      await w.changes.schedule(ref, 'bob');
      const done = await implementInWindow(w, ref, 'bob');
      expect(done.change.state).toBe('implemented');
      expect((await w.cmdb.getCi(web01)).attributes).toMatchObject({ cpu: 8, memory_gb: 64 });
    });

    it('backs out a failed change as a new revision, and refuses when its CIs changed again', async () => {
      const w = await world();
      const ref = await authorized(w);
      await w.changes.schedule(ref, 'bob');
      const done = await implementInWindow(w, ref, 'bob');
      await w.changes.fail(ref, 'bob', 'smoke tests red');
      const backed = await w.changes.backout(ref, 'bob');
      expect(backed.change).toMatchObject({ state: 'backed_out', backoutRevision: done.outcome.revision!.rev + 1 });
      expect(backed.outcome.revision).toMatchObject({
        source: 'change',
        changeId: null,
        message: `Back out ${ref}: A change`,
      });
      expect((await w.cmdb.getCi(web01)).attributes.cpu).toBe(2);
      expect(await w.history.resolvePoint(ref)).toBe(done.outcome.revision!.rev);

      const second = await authorized(w, changeDoc(cpu(4)));
      await w.changes.schedule(second, 'bob');
      const rev = (await implementInWindow(w, second, 'bob')).outcome.revision!.rev;
      await w.cmdb.apply(
        { cis: [{ ...web01, attributes: { cpu: 6 } }], relations: [] },
        { ...meta(), emergency: { reason: 'tuning' } },
      );
      await expect(w.changes.backout(second, 'bob')).rejects.toThrow(
        new RegExp(
          `Cannot back out ${second}: what it changed in revision ${rev} has changed again since: server/web-01`,
        ),
      );
    });

    it('opens a change that restores a deleted CI, and one that undoes a single change', async () => {
      const w = await world();
      await w.cmdb.deleteCis([{ class: 'rack', name: 'r1' }], meta('retire rack'));
      const restore = await w.changes.revert({ to: String((await w.store.head())!.rev - 1) }, 'alice');
      expect(restore.plan.cis).toEqual([expect.objectContaining({ class: 'rack', name: 'r1' })]);
      expect(restore.plan.relations).toEqual([
        expect.objectContaining({ type: 'contains', from: 'rack/r1', to: 'server/web-01' }),
      ]);
      const ref = await authorized(w);
      await w.changes.schedule(ref, 'bob');
      await implementInWindow(w, ref, 'bob');
      const undo = await w.changes.revert({ change: ref }, 'alice');
      expect(undo).toMatchObject({ type: 'normal', title: `Undo ${ref}: A change`, state: 'draft' });
      expect(undo.plan.cis).toEqual([{ class: 'server', name: 'web-01', attributes: { cpu: 2 } }]);
      await expect(w.changes.revert({ to: String((await w.store.head())!.rev) }, 'alice')).rejects.toThrow(
        /Nothing to revert/,
      );
    });

    it('verifies the approval and transition chains, and names a tampered approval', async () => {
      const store = await harness.newStore();
      const w = await changeWorld(store);
      const ref = await authorized(w);
      await w.changes.schedule(ref, 'bob');
      await implementInWindow(w, ref, 'bob');
      const ok = await verifyChangeRecords(w.changeStore);
      expect(ok).toMatchObject({ ok: true, approvals: 2, transitions: 5, policies: 1, changes: 1 });
      expect((await verifyChain(store)).ok).toBe(true);
      await sql`update change_approvals set actor = 'mallory' where seq = 2`.execute(store.kysely);
      expect(await verifyChangeRecords(w.changeStore)).toMatchObject({
        ok: false,
        firstBad: { record: 'approval record 2', reason: expect.stringMatching(/does not match its hash/) },
      });
      await sql`update change_approvals set actor = 'frank' where seq = 2`.execute(store.kysely);
      await sql`update changes set state = 'closed'`.execute(store.kysely);
      expect(await verifyChangeRecords(w.changeStore)).toMatchObject({
        ok: false,
        firstBad: { record: `change ${ref}` },
      });
    });
  });
}
