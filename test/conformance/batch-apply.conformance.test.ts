import { afterAll, describe, expect, it } from 'vitest';
import { ImportService } from '../../src/core/import/import.service.js';
import type { ImportBatch } from '../../src/core/import/import.types.js';
import { createCmdbServices, type CmdbServices } from '../../src/core/cmdb/cmdb-services.js';
import { systemClock } from '../../src/core/shared/clock.js';
import { verifyChain } from '../../src/core/audit/verify.js';
import { engines } from '../helpers/engines.js';
import { makeCi } from '../helpers/fixtures.js';

/** Batches of servers; each batch links to a CI of the batch before, so ends resolve across batches. */
function* servers(prefix: string, batches: number, perBatch: number): Generator<ImportBatch> {
  for (let b = 0; b < batches; b++) {
    const cis = Array.from({ length: perBatch }, (_, i) => makeCi({ name: `${prefix}-${b}-${i}` }));
    const relations =
      b === 0 ? [] : [{ type: 'connects_to', from: `server/${prefix}-${b}-0`, to: `server/${prefix}-${b - 1}-0` }];
    yield { cis, relations };
  }
}

for (const harness of engines()) {
  describe(`streamed writes on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    async function fresh(): Promise<{ s: CmdbServices; imports: ImportService }> {
      const s = createCmdbServices(await harness.newStore());
      await s.cmdb.initialize('t');
      return { s, imports: new ImportService({ store: s.store, cmdb: s.cmdb, clock: systemClock }) };
    }

    it('writes many batches as one revision, re-applies as none, prunes what the source dropped', async () => {
      const { s, imports } = await fresh();
      const meta = { author: 't', source: 'import:test' };
      const first = await imports.import(servers('n', 5, 300), meta, { batchSize: 250 });
      expect(first.revision?.rev).toBe(2);
      expect(first.writes.cis).toHaveLength(1500);
      expect(first.writes.relations).toHaveLength(4);
      expect(await s.store.countCis()).toBe(1500);

      expect((await imports.import(servers('n', 5, 300), meta)).revision).toBeNull();

      const dry = await imports.import(servers('n', 4, 300), meta, { prune: true, dryRun: true });
      expect(dry.writes.cis.filter((w) => !w.after)).toHaveLength(300);
      expect(await s.store.countCis()).toBe(1500);

      const pruned = await imports.import(servers('n', 4, 300), meta, { prune: true });
      expect(pruned.revision?.rev).toBe(3);
      expect(pruned.writes.cis.filter((w) => !w.after)).toHaveLength(300);
      expect(pruned.writes.relations.filter((w) => !w.after)).toHaveLength(1);
      expect(await s.store.countCis()).toBe(1200);
      expect((await verifyChain(s.store)).ok).toBe(true);
    });

    it('refuses the whole input when one record is bad, or skips the bad ones when asked', async () => {
      const { s, imports } = await fresh();
      const input = (): ImportBatch[] => [
        { cis: [makeCi({ name: 'ok-1' }), makeCi({ name: 'ok-2' })], relations: [] },
        {
          cis: [makeCi({ name: 'bad', attributes: { cpu: 0 } }), makeCi({ name: 'ok-1' })],
          relations: [{ type: 'connects_to', from: 'server/bad', to: 'server/ok-2' }],
        },
      ];
      const refused = await imports.import(input(), { author: 't' }, { batchSize: 2 });
      expect(refused).toMatchObject({ refused: true, revision: null });
      expect(refused.problems.map((p) => p.message).sort()).toEqual([
        'attributes.cpu must be >= 1 (minimum rule of class server)',
        'from server/bad does not exist',
        'server/ok-1 appears twice in the input',
      ]);
      expect(await s.store.countCis()).toBe(0);
      const skipped = await imports.import(input(), { author: 't' }, { skipInvalid: true, batchSize: 2 });
      expect(skipped.revision?.rev).toBe(2);
      expect(skipped.problems).toHaveLength(3);
      expect((await s.store.listCis({ limit: 10 })).map((c) => c.name)).toEqual(['ok-1', 'ok-2']);
    });
  });
}
