import { afterAll, describe, expect, it } from 'vitest';
import { Estate } from '../../bench/estate.js';
import { thousandChanged } from '../../bench/git-compare.js';
import { floorChanged, rawRecord } from '../../bench/raw-record.js';
import { verifyChain } from '../../src/core/audit/verify.js';
import { createCmdbServices } from '../../src/core/cmdb/cmdb-services.js';
import { ImportService } from '../../src/core/import/import.service.js';
import { systemClock } from '../../src/core/shared/clock.js';
import { openStore, type KyselyCmdbStore } from '../../src/store/connect.js';
import { engines } from '../helpers/engines.js';

/** Enough CIs for Cairn's 1 000 and the floor's 2 000 others. */
const SIZE = 4000;

/** Every version row and baseline, in a fixed order: what the floor must leave as it found it. */
async function snapshot(store: KyselyCmdbStore) {
  const versions = await store.kysely
    .selectFrom('ci_versions')
    .select(['id', 'rev_from', 'rev_to', 'hash'])
    .orderBy('id')
    .orderBy('rev_from')
    .execute();
  const baselines = await store.kysely.selectFrom('baselines').select(['name', 'rev']).orderBy('name').execute();
  return { versions, baselines, head: (await store.head())?.rev };
}

for (const harness of engines()) {
  describe(`the bench's bare-driver floor on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    it('records 1 000 other CIs twice with the driver alone and puts the estate back as it was', async () => {
      const url = await harness.newDatabaseUrl();
      const store = await openStore(url);
      try {
        const services = createCmdbServices(store);
        await services.cmdb.initialize('t');
        const estate = new Estate(SIZE);
        const batches = [...estate.ciBatches(1000)].map((cis) => ({ cis, relations: [] }));
        await new ImportService({ store, cmdb: services.cmdb, clock: systemClock }).import(batches, {
          author: 't',
          source: 'bench',
        });
        const changed = thousandChanged(estate);
        const { warmUp, timed } = floorChanged(estate, changed);
        expect(new Set([...changed, ...warmUp, ...timed]).size).toBe(3 * changed.length);
        const before = await snapshot(store);

        const times = await rawRecord({ engine: harness.engine, url }, estate, changed);

        // The floor checks that each diff read 2 000 versions (it throws otherwise), so its writes
        // happened; afterwards not a row of them is left and history verifies.
        expect(times.apply).toBeGreaterThan(0);
        expect(await snapshot(store)).toEqual(before);
        expect((await verifyChain(store)).ok).toBe(true);
      } finally {
        await store.close();
      }
    });
  });
}
