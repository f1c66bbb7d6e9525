import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { restorePlan } from '../../src/core/revision/revert.js';
import { engines } from '../helpers/engines.js';
import { meta } from '../helpers/fixtures.js';
import { FUZZ_SEED, runs, SUITE_TIMEOUT_MS } from '../fuzz/fuzz-settings.js';
import { comparable, documentFor, estate } from './estates.js';
import { applyDiff, freshServices, stateAt } from './store-state.js';

/**
 * The versioned CMDB's core invariants, on random sequences of estates written to a real store:
 * what is read at a revision is what was applied there, a diff carries one state to the other,
 * and reverting to a baseline gives that baseline back exactly.
 */
for (const harness of engines()) {
  // PostgreSQL opens a schema per run: fewer runs there, the same properties.
  const numRuns = runs(harness.engine === 'sqlite' ? 6 : 3);

  describe(`history properties on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    it(
      'the state read at each revision is the estate applied there, and a diff between any two revisions carries one to the other',
      async () => {
        await fc.assert(
          fc.asyncProperty(fc.array(estate(), { minLength: 1, maxLength: 4 }), async (estates) => {
            const { s, store } = await freshServices(harness);
            const revs: number[] = [await s.history.headRev()];
            for (const e of estates) {
              await s.cmdb.apply(documentFor(e, await stateAt(s, store)), meta('property'));
              revs.push(await s.history.headRev());
            }
            for (const [i, e] of estates.entries())
              expect(comparable(await stateAt(s, store, revs[i + 1]))).toEqual(comparable(e));
            for (const from of revs)
              for (const to of revs) {
                const carried = applyDiff(await stateAt(s, store, from), await s.history.diff(from, to));
                expect(comparable(carried)).toEqual(comparable(await stateAt(s, store, to)));
              }
          }),
          { numRuns, seed: FUZZ_SEED },
        );
      },
      SUITE_TIMEOUT_MS,
    );

    it(
      'reverting to a baseline restores its state exactly',
      async () => {
        await fc.assert(
          fc.asyncProperty(estate(), fc.array(estate(), { minLength: 1, maxLength: 3 }), async (baseline, later) => {
            const { s, store } = await freshServices(harness);
            await s.cmdb.apply(documentFor(baseline, await stateAt(s, store)), meta('baseline'));
            await s.baselines.create({ name: 'good', author: 'property' });
            for (const e of later) await s.cmdb.apply(documentFor(e, await stateAt(s, store)), meta('later'));
            const plan = restorePlan(await s.history.diffPoints(String(await s.history.headRev()), 'good'));
            await s.cmdb.apply(plan, meta('revert'));
            expect(comparable(await stateAt(s, store))).toEqual(comparable(baseline));
            // Reverting again changes nothing: the restore plan of a state to itself is empty.
            const again = await s.cmdb.apply(
              restorePlan(await s.history.diffPoints(String(await s.history.headRev()), 'good')),
              meta('revert again'),
            );
            expect(again.revision).toBeNull();
          }),
          { numRuns, seed: FUZZ_SEED },
        );
      },
      SUITE_TIMEOUT_MS,
    );

    // Found by the property above: the restore plan both wrote and deleted a name that had been
    // deleted and re-created since the baseline, and the document was refused.
    it('reverts to a baseline whose CI was deleted and re-created since', async () => {
      const { s, store } = await freshServices(harness);
      const doc = (attributes: Record<string, unknown>) => ({
        cis: [{ class: 'host', name: 'a', attributes }],
        relations: [],
      });
      await s.cmdb.apply(doc({ env: 'prod' }), meta());
      await s.baselines.create({ name: 'good', author: 'property' });
      await s.cmdb.deleteCis([{ class: 'host', name: 'a' }], meta());
      await s.cmdb.apply(doc({ size: 3 }), meta());
      await s.cmdb.apply(restorePlan(await s.history.diffPoints(String(await s.history.headRev()), 'good')), meta());
      expect((await stateAt(s, store)).cis.get('host/a')?.attributes).toEqual({ env: 'prod' });
    });
  });
}
