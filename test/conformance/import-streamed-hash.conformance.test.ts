import { afterAll, describe, expect, it } from 'vitest';
import { createServices } from '../../src/app/services.js';
import { createCmdbServices } from '../../src/core/cmdb/cmdb-services.js';
import { ImportService } from '../../src/core/import/import.service.js';
import type { ImportBatch } from '../../src/core/import/import.types.js';
import type { PendingWrites } from '../../src/core/revision/pending-writes.js';
import { computeRevisionHash, computeRevisionHashStreamed } from '../../src/core/revision/revision-hash.js';
import type { RevisionHashPage } from '../../src/core/revision/revision-hash-stream.types.js';
import { verifyChain } from '../../src/core/audit/verify.js';
import { fixedClock } from '../../src/core/shared/clock.js';
import { sequentialIds } from '../../src/core/shared/ids.js';
import type { KyselyCmdbStore } from '../../src/store/connect.js';
import { engines } from '../helpers/engines.js';
import { makeCi, meta } from '../helpers/fixtures.js';

/** 30 hosts in a chain of depends_on; `changed` gets more CPUs; `without` is left out (pruned). */
function hosts(changed: number, without: number): ImportBatch {
  const names = Array.from({ length: 30 }, (_, i) => i).filter((i) => i !== without);
  return {
    cis: names.map((i) =>
      makeCi({ name: `host-${i}`, attributes: { environment: 'production', cpu: i === changed ? 64 : 2 } }),
    ),
    relations: names
      .filter((i) => i > 0 && names.includes(i - 1))
      .map((i) => ({ type: 'depends_on', from: `server/host-${i}`, to: `server/host-${i - 1}` })),
  };
}

/**
 * The same history (fixed clock, sequential ids) written with imports that keep their versions
 * (hash from memory) or keep none (`keepWritesUpTo: 0`: hash read back from the store in pages).
 * A second import changes one host and prunes another, so every section of the hashed text
 * (created and ended CIs and relationships) has lines.
 */
async function history(store: KyselyCmdbStore, keepWritesUpTo: number): Promise<PendingWrites[]> {
  const clock = fixedClock('2026-01-01T00:00:00.000Z', 1000);
  const services = createCmdbServices(store, { clock, ids: sequentialIds() });
  await services.cmdb.initialize('stream');
  const told: PendingWrites[] = [];
  services.cmdb.onCommit((_revision, writes) => told.push(writes!));
  const importer = new ImportService({ store, cmdb: services.cmdb, clock });
  const source = { ...meta('import'), source: 'inventory' };
  const first = await importer.import([hosts(-1, -1)], source, { keepWritesUpTo });
  const second = await importer.import([hosts(7, 12)], source, { keepWritesUpTo, prune: true });
  expect(first.counts).toMatchObject({ cis: { added: 30 }, relations: { added: 29 } });
  expect(second.counts).toMatchObject({ cis: { modified: 1, removed: 1 }, relations: { removed: 2 } });
  expect([first.writesComplete, second.writesComplete]).toEqual([keepWritesUpTo > 0, keepWritesUpTo > 0]);
  return told;
}

for (const harness of engines()) {
  describe(`a large import's revision hash, read back from the store, on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    it('is the hash the versions held in memory give, and audit verify agrees', async () => {
      const inMemory = await harness.newStore();
      const streamed = await harness.newStore();
      const toldInMemory = await history(inMemory, Infinity);
      const toldStreamed = await history(streamed, 0);
      const hashes = async (s: KyselyCmdbStore) => (await s.listRevisions({ limit: 10 })).map((r) => r.hash);
      expect(await hashes(streamed)).toEqual(await hashes(inMemory));
      expect(await verifyChain(streamed)).toMatchObject({ ok: true, revisions: 3 });
      // Commit listeners get the versions only when the import kept them all.
      expect(toldInMemory.map((w) => w !== undefined)).toEqual([true, true]);
      expect(toldStreamed).toEqual([undefined, undefined]);
    });

    it('pages each section in id order, and hashes as computeRevisionHash does over the same rows', async () => {
      const store = await harness.newStore();
      await history(store, 0);
      const [head, first] = await store.listRevisions({ limit: 2 });
      // The import of 30 hosts and 29 relationships, and the one that changed and pruned: pages
      // smaller than a section, ending exactly at its end (30 = 6 × 5), and larger.
      const cases: [typeof head, number, string[]][] = [
        [first!, 4, ['createdCis', 'createdRelations']],
        [first!, 5, ['createdCis', 'createdRelations']],
        [first!, 100, ['createdCis', 'createdRelations']],
        [head!, 4, ['createdCis', 'endedCis', 'endedRelations']],
      ];
      for (const [revision, pageSize, sections] of cases)
        await store.write(async (tx) => {
          const pages: RevisionHashPage[] = [];
          for await (const page of tx.revisionHashPages(revision!.rev, pageSize)) pages.push(page);
          expect(pages.every((p) => p.versions.length > 0 && p.versions.length <= pageSize)).toBe(true);
          expect([...new Set(pages.map((p) => p.section))]).toEqual(sections);
          const ids = (s: string) => pages.filter((p) => p.section === s).flatMap((p) => p.versions.map((v) => v.id));
          for (const s of sections) expect(ids(s)).toEqual([...new Set(ids(s))].sort());
          const { hash, ...header } = revision!;
          const writes = await tx.revisionWrites(revision!.rev);
          expect([ids('createdCis').length, ids('createdRelations').length]).toEqual([
            writes.createdCis.length,
            writes.createdRelations.length,
          ]);
          const replay = (async function* () {
            yield* pages;
          })();
          expect(await computeRevisionHashStreamed(header, replay, writes)).toBe(hash);
          expect(computeRevisionHash(header, writes, false)).toBe(hash);
        });
      expect(first!.rev).toBe(head!.rev - 1);
    });

    it('still resolves the references of earlier imports that its CIs answer, keeping only those', async () => {
      const store = await harness.newStore();
      const s = await createServices(store, { runsJobs: false, memoryGraph: true });
      await s.cmdb.initialize('t');
      await s.graphSync.load();
      // An earlier source points at server/host-5, which nobody has yet: the reference waits.
      await s.imports.import(
        [
          {
            cis: [makeCi({ name: 'app-host' })],
            relations: [{ type: 'depends_on', from: 'server/app-host', to: 'server/host-5' }],
          },
        ],
        { ...meta('apps'), source: 'apps' },
      );
      const outcome = await s.imports.import(
        [hosts(-1, -1)],
        { ...meta('hosts'), source: 'inventory' },
        {
          keepWritesUpTo: 1,
        },
      );
      expect(outcome.writesComplete).toBe(false);
      expect(outcome.resolved).toBe(1);
      // Not the 30 CIs and 30 relationships it wrote: at most host-5 (until its reference was resolved) and its own.
      expect(outcome.writes.cis.length).toBeLessThanOrEqual(1);
      expect(outcome.writes.relations.length).toBeLessThanOrEqual(3);
      expect(outcome.counts).toMatchObject({ cis: { added: 30 }, relations: { added: 30 } });
      const rels = await s.cmdb.getCi({ class: 'server', name: 'app-host' });
      const edges = s.graphSync.graph.edgesTouchingSync([rels.id]);
      // The listener had no versions: the graph catches up from the store before it is read.
      expect(edges).toEqual([]);
      await s.graphSync.catchUp();
      expect(s.graphSync.graph.edgesTouchingSync([rels.id])).toHaveLength(1);
      expect(s.graphSync.graph.size).toBeGreaterThan(0);
      expect((await verifyChain(store)).ok).toBe(true);
    });
  });
}
