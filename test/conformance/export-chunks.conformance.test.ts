import { afterAll, describe, expect, it } from 'vitest';
import { exportPages } from '../../src/core/import/export-records.js';
import { ExportService, type ExportChunk } from '../../src/core/import/export.service.js';
import { createCmdbServices, type CmdbServices } from '../../src/core/cmdb/cmdb-services.js';
import { engines } from '../helpers/engines.js';
import { smallEstate } from '../helpers/fixtures.js';

/** Every chunk of an export, following the cursors as a client does. */
async function allChunks(
  exports: ExportService,
  query: { at?: string; classes?: string[]; limit: number },
  between?: () => Promise<void>,
): Promise<ExportChunk[]> {
  const chunks: ExportChunk[] = [];
  let cursor: string | undefined;
  do {
    const chunk = await exports.chunk({ ...query, cursor });
    chunks.push(chunk);
    cursor = chunk.nextCursor ?? undefined;
    await between?.();
  } while (cursor !== undefined);
  return chunks;
}

const records = (chunks: ExportChunk[]) =>
  chunks.flatMap((c) => [...(c.model ? [c.model] : []), ...c.cis, ...c.relations]);

for (const harness of engines()) {
  describe(`export in chunks (GET /export, cairn export through a client) on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    async function services(): Promise<{ s: CmdbServices; exports: ExportService }> {
      const s = createCmdbServices(await harness.newStore());
      await s.cmdb.initialize('t');
      const estate = smallEstate();
      estate.classes = [{ name: 'load_balancer', parent: 'network_device' }];
      estate.cis.push({ class: 'load_balancer', name: 'lb-1' });
      await s.cmdb.apply(estate, { author: 't' });
      return { s, exports: new ExportService({ store: s.store, cmdb: s.cmdb, history: s.history }) };
    }

    it('gives the records exportPages gives, in order, whatever the chunk size', async () => {
      const { s, exports } = await services();
      const whole: unknown[] = [];
      for await (const page of exportPages({ store: s.store, cmdb: s.cmdb })) {
        if (page.kind === 'model') whole.push({ classes: page.classes, relationTypes: page.relationTypes });
        else whole.push(...(page.kind === 'cis' ? page.cis : page.relations));
      }
      for (const limit of [1, 2, 1000]) {
        const chunks = await allChunks(exports, { limit });
        expect(records(chunks), `limit ${limit}`).toEqual(whole);
        for (const c of chunks) expect(c.cis.length + c.relations.length).toBeLessThanOrEqual(limit);
        expect(chunks[0]!.model?.classes.map((c) => c.name)).toEqual(['load_balancer']);
      }
    });

    it('stays on the revision its first chunk read while the CMDB moves on', async () => {
      const { s, exports } = await services();
      const before = records(await allChunks(exports, { limit: 1000 }));
      let n = 0;
      const chunks = await allChunks(
        exports,
        { limit: 2 },
        async () =>
          void (await s.cmdb.apply(
            { cis: [{ class: 'server', name: `late-${++n}` }], relations: [] },
            { author: 't' },
          )),
      );
      expect(new Set(chunks.map((c) => c.revision)).size).toBe(1);
      expect(records(chunks)).toEqual(before);
    });

    it('filters by class with subclasses, reads a past point, and refuses an unknown class', async () => {
      const { s, exports } = await services();
      const servers = await allChunks(exports, { classes: ['server'], limit: 2 });
      expect(servers.flatMap((c) => c.cis.map((ci) => ci.class)).sort()).toEqual(['linux_server', 'server']);
      await s.cmdb.deleteCis([{ class: 'server', name: smallEstate().cis.find((c) => c.class === 'server')!.name }], {
        author: 't',
      });
      const past = await allChunks(exports, { at: '2', classes: ['server'], limit: 1000 });
      expect(past[0]!.revision).toBe(2);
      expect(records(past)).toEqual(records(servers));
      await expect(exports.chunk({ classes: ['no_such_class'], limit: 10 })).rejects.toMatchObject({
        code: 'UNKNOWN_CLASS',
      });
      await expect(exports.chunk({ cursor: 'garbage', limit: 10 })).rejects.toMatchObject({ code: 'INVALID_CURSOR' });
    });
  });
}
