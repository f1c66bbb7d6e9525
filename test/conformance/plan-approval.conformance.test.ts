import { afterAll, describe, expect, it } from 'vitest';
import { planHash } from '../../src/core/change/plan-hash.js';
import type { DesiredState } from '../../src/core/ci/desired-state.js';
import { ConflictError } from '../../src/core/shared/errors.js';
import { engines } from '../helpers/engines.js';
import { editChangeData } from '../helpers/tamper.js';
import { authorized, changeWorld, implementInWindow } from './change.harness.js';

const forged: DesiredState = {
  cis: [{ class: 'server', name: 'web-01', attributes: { cpu: 64 } }],
  relations: [],
};

// Issue 12, finding 7: implement re-checks, inside its write transaction, that the stored plan is
// the one the approvals were given for.
for (const harness of engines()) {
  describe(`implement re-checks the approved plan on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    async function scheduled() {
      const store = await harness.newStore();
      const w = await changeWorld(store);
      const ref = await authorized(w);
      await w.changes.schedule(ref, 'bob');
      return { store, w, ref, id: Number(ref.slice(4)) };
    }

    it.each([
      ['the plan alone edited', false, /the plan was edited outside Cairn/],
      ['the plan and its hash edited together', true, /the decisions of carol, frank were given for another plan/],
    ])('refuses when %s after approval, and writes nothing', async (_label, withHash, reason) => {
      const { store, w, ref, id } = await scheduled();
      const head = (await store.head())!.rev;
      await editChangeData(
        store.kysely,
        id,
        (data) => {
          data.plan = forged;
          if (withHash) data.planHash = planHash(forged);
        },
        { planHash: withHash },
      );
      const attempt = implementInWindow(w, ref, 'bob');
      await expect(attempt).rejects.toThrow(ConflictError);
      await expect(attempt).rejects.toMatchObject({ code: 'CHANGE_PLAN_NOT_APPROVED' });
      await expect(implementInWindow(w, ref, 'bob')).rejects.toThrow(reason);
      // The transaction rolled back: no revision, the change still scheduled.
      expect((await store.head())!.rev).toBe(head);
      expect((await w.changes.get(ref)).state).toBe('scheduled');
    });

    it('implements the plan as approved', async () => {
      const { store, w, ref } = await scheduled();
      const head = (await store.head())!.rev;
      const done = await implementInWindow(w, ref, 'bob');
      expect(done.change.state).toBe('implemented');
      expect((await store.head())!.rev).toBe(head + 1);
    });
  });
}
