import { afterAll, describe, expect, it } from 'vitest';
import type { DesiredCi, DesiredRelation } from '../../src/core/ci/desired-state.js';
import { createCmdbServices } from '../../src/core/cmdb/cmdb-services.js';
import type { CmdbWriter } from '../../src/core/cmdb/cmdb.port.js';
import { ImportService } from '../../src/core/import/import.service.js';
import type { ImportBatch } from '../../src/core/import/import.types.js';
import { systemClock } from '../../src/core/shared/clock.js';
import type { KyselyCmdbStore } from '../../src/store/connect.js';
import { engines } from '../helpers/engines.js';
import { makeCi, meta } from '../helpers/fixtures.js';

/** The store, each write transaction's reads replaced as `wrap` says (the others as they are). */
function wrapped(store: KyselyCmdbStore, wrap: (tx: CmdbWriter) => Partial<CmdbWriter>): KyselyCmdbStore {
  const spy = Object.create(store) as KyselyCmdbStore;
  spy.write = (work) => store.write((tx) => work(Object.assign(Object.create(tx) as CmdbWriter, wrap(tx))));
  return spy;
}

const server = (i: number, cpu = 2): DesiredCi =>
  makeCi({ name: `s${i}`, attributes: { environment: 'production', cpu } });
const dependsOn = (i: number): DesiredRelation => ({
  type: 'depends_on',
  from: `server/s${i}`,
  to: `server/s${(i + 1) % 12}`,
});

/** Three batches of four servers, then three of four relationships, as an importer hands them over. */
function batches(cpu = 2): ImportBatch[] {
  const out: ImportBatch[] = [];
  for (let b = 0; b < 3; b++) out.push({ cis: [0, 1, 2, 3].map((k) => server(4 * b + k, cpu)), relations: [] });
  for (let b = 0; b < 3; b++) out.push({ cis: [], relations: [0, 1, 2, 3].map((k) => dependsOn(4 * b + k)) });
  return out;
}

for (const harness of engines()) {
  describe(`an import that takes in its next batch while the batch before is screened, on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    async function services() {
      const store = await harness.newStore();
      const cmdb = createCmdbServices(store).cmdb;
      await cmdb.initialize('test');
      await new ImportService({ store, cmdb, clock: systemClock }).import(batches(), meta('first'), { batchSize: 4 });
      return { store, cmdb };
    }

    it('asks the input for its next batch while a screen read is unanswered, and writes what batch after batch wrote', async () => {
      const { store, cmdb } = await services();
      // Screen reads not yet answered; whether one was when the input was asked for a batch.
      let unanswered = 0;
      const askedWhileUnanswered: boolean[] = [];
      const counted =
        <A extends unknown[], R>(read: (...a: A) => Promise<R>) =>
        async (...args: A): Promise<R> => {
          unanswered++;
          try {
            return await read(...args);
          } finally {
            unanswered--;
          }
        };
      const spy = wrapped(store, (tx) => ({
        currentCiHashes: counted((refs: Parameters<CmdbWriter['currentCiHashes']>[0]) => tx.currentCiHashes(refs)),
        currentRelationsBySource: counted((sources: string[], withHashes: boolean) =>
          tx.currentRelationsBySource(sources, withHashes),
        ),
      }));
      function* input(): Generator<ImportBatch> {
        for (const batch of batches(4)) {
          askedWhileUnanswered.push(unanswered > 0);
          yield batch;
        }
      }
      const outcome = await new ImportService({ store: spy, cmdb, clock: systemClock }).import(input(), meta('again'), {
        batchSize: 4,
      });
      // Batch after batch, each screen was answered before the next batch was asked for.
      expect(askedWhileUnanswered.filter(Boolean).length).toBeGreaterThan(0);
      expect(outcome.counts.cis).toEqual({ added: 0, modified: 12, removed: 0 });
      expect(outcome.unchanged).toEqual({ cis: 0, relations: 12 });
      expect(outcome.problems).toEqual([]);
    });

    it('reads the model once for the relationships of all its input batches, not once a batch', async () => {
      const { store, cmdb } = await services();
      const [cis, ...rest] = [
        { cis: batches().flatMap((b) => b.cis), relations: [] },
        ...batches().filter((b) => b.relations.length > 0),
      ];
      /** The model reads of the import of the servers, then these relationship batches, as one write batch. */
      async function modelReads(relations: ImportBatch[]): Promise<number> {
        let reads = 0;
        const spy = wrapped(store, (tx) => ({
          modelRevision: () => {
            reads++;
            return tx.modelRevision();
          },
        }));
        const outcome = await new ImportService({ store: spy, cmdb, clock: systemClock }).import(
          [cis, ...relations],
          meta('again'),
          { batchSize: 100 },
        );
        expect(outcome.unchanged).toEqual({ cis: 12, relations: 12 });
        return reads;
      }
      // Three input batches of relationships read the model as often as one with all of them.
      expect(await modelReads(rest)).toBe(await modelReads([{ cis: [], relations: rest.flatMap((b) => b.relations) }]));
    });

    it('fails as a whole, and leaves nothing written, when a batch screened ahead fails while the next is taken in', async () => {
      const { store, cmdb } = await services();
      const before = await store.head();
      let reads = 0;
      const spy = wrapped(store, (tx) => ({
        currentCiHashes: async (refs) => {
          if (++reads === 2) throw new Error('the second screen read failed');
          return tx.currentCiHashes(refs);
        },
      }));
      await expect(
        new ImportService({ store: spy, cmdb, clock: systemClock }).import(batches(4), meta('again'), { batchSize: 4 }),
      ).rejects.toThrow('the second screen read failed');
      expect(await store.head()).toEqual(before);
      expect((await store.getCisByRef([{ class: 'server', name: 's0' }]))[0]!.attributes).toEqual({
        environment: 'production',
        cpu: 2,
      });
    });
  });
}
