import { afterAll, describe, expect, it } from 'vitest';
import { applyBatches } from '../../src/core/ci/batch-apply.js';
import { createCmdbServices } from '../../src/core/services.js';
import { systemClock } from '../../src/core/shared/clock.js';
import { verifyChain } from '../../src/core/audit/verify.js';
import { engines } from '../helpers/engines.js';
import { makeCi } from '../helpers/fixtures.js';
import type { DesiredState } from '../../src/core/ci/desired-state.js';

function* servers(prefix: string, batches: number, perBatch: number): Generator<DesiredState> {
  for (let b = 0; b < batches; b++) {
    const cis = Array.from({ length: perBatch }, (_, i) => makeCi({ name: `${prefix}-${b}-${i}` }));
    // Each batch links to a CI of the previous batch: relationships across batches resolve.
    const relations = b === 0 ? [] : [{ type: 'connects_to', from: `server/${prefix}-${b}-0`, to: `server/${prefix}-${b - 1}-0` }];
    yield { cis, relations };
  }
}

for (const harness of engines()) {
  describe(`batched apply on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    it('writes many batches as one revision, re-applies as none, prunes what the source dropped', async () => {
      const s = createCmdbServices(await harness.newStore());
      await s.cmdb.initialize('t');
      const deps = { store: s.store, cmdb: s.cmdb, clock: systemClock };
      const meta = { author: 't', source: 'import:test' };
      const first = await applyBatches(deps, servers('n', 5, 300), meta);
      expect(first.revision?.rev).toBe(2);
      expect(first.writes.cis).toHaveLength(1500);
      expect(first.writes.relations).toHaveLength(4);
      expect(await s.store.countCis()).toBe(1500);

      const again = await applyBatches(deps, servers('n', 5, 300), meta);
      expect(again.revision).toBeNull();

      const dry = await applyBatches(deps, servers('n', 4, 300), meta, { prune: true, dryRun: true });
      expect(dry.writes.cis.filter((w) => !w.after)).toHaveLength(300);
      expect(await s.store.countCis()).toBe(1500);

      const pruned = await applyBatches(deps, servers('n', 4, 300), meta, { prune: true });
      expect(pruned.revision?.rev).toBe(3);
      expect(pruned.writes.cis.filter((w) => !w.after)).toHaveLength(300);
      expect(pruned.writes.relations.filter((w) => !w.after)).toHaveLength(1);
      expect(await s.store.countCis()).toBe(1200);
      expect((await verifyChain(s.store)).ok).toBe(true);
    });

    it('refuses the whole input when one batch is bad, or skips the bad items when asked', async () => {
      const s = createCmdbServices(await harness.newStore());
      await s.cmdb.initialize('t');
      const deps = { store: s.store, cmdb: s.cmdb, clock: systemClock };
      const input = () => [
        { cis: [makeCi({ name: 'ok-1' }), makeCi({ name: 'ok-2' })], relations: [] },
        { cis: [makeCi({ name: 'bad', attributes: { cpu: 0 } }), makeCi({ name: 'ok-1' })], relations: [{ type: 'connects_to', from: 'server/bad', to: 'server/ok-2' }] },
      ];
      await expect(applyBatches(deps, input(), { author: 't' })).rejects.toThrow(/cis\[2\]\.attributes\.cpu|server\/ok-1 appears twice/);
      expect(await s.store.countCis()).toBe(0);
      const skipped = await applyBatches(deps, input(), { author: 't' }, { skipInvalid: true });
      expect(skipped.revision?.rev).toBe(2);
      expect(skipped.rejected.map((e) => e.path)).toEqual(['cis[3]', 'cis[2].attributes.cpu', 'relations[0].from']);
      expect((await s.store.listCis({ limit: 10 })).map((c) => c.name)).toEqual(['ok-1', 'ok-2']);
    });
  });
}
