import { afterAll, describe, expect, it } from 'vitest';
import { exportPages } from '../../src/core/import/export-records.js';
import { ImportService } from '../../src/core/import/import.service.js';
import type { ImportBatch } from '../../src/core/import/import.types.js';
import { createCmdbServices, type CmdbServices } from '../../src/core/cmdb/cmdb-services.js';
import { systemClock } from '../../src/core/shared/clock.js';
import { STREAMING_IMPORTERS } from '../../src/importers/cairn/cairn-formats.js';
import { readCairnDocument } from '../../src/importers/cairn/document.importer.js';
import { writeExport, type ExportFormat } from '../../src/importers/cairn/format-writers.js';
import { engines } from '../helpers/engines.js';
import { smallEstate } from '../helpers/fixtures.js';

async function* chunksOf(text: string): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += 1000) yield text.slice(i, i + 1000);
}

function readBack(format: ExportFormat, text: string): AsyncIterable<ImportBatch> | ImportBatch[] {
  if (format === 'json' || format === 'yaml') return [readCairnDocument({ path: `x.${format}`, text }, format)];
  return STREAMING_IMPORTERS.get(format)!.stream([{ path: `x.${format}`, chunks: chunksOf(text) }], { batchSize: 4 });
}

/** CIs and relationships as comparable text, as of a revision. */
async function state(s: CmdbServices, at?: number): Promise<string[]> {
  const cis = (await s.store.listCis({ limit: 10_000, at })).map(
    (c) => `ci ${c.class}/${c.name} ${c.status} ${JSON.stringify(c.attributes)} ${JSON.stringify(c.labels)}`,
  );
  const rels = await s.store.listRelations({ limit: 10_000, at });
  const names = await s.cmdb.namesOf(
    rels.flatMap((r) => [r.sourceId, r.targetId]),
    at,
  );
  return [
    ...cis,
    ...rels.map(
      (r) => `rel ${names.get(r.sourceId)} ${r.type} ${names.get(r.targetId)} ${JSON.stringify(r.attributes)}`,
    ),
  ].sort();
}

for (const harness of engines()) {
  describe(`export → import round trip on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    async function services() {
      const s = createCmdbServices(await harness.newStore());
      await s.cmdb.initialize('t');
      return s;
    }

    for (const format of ['ndjson', 'json', 'yaml', 'csv'] as const) {
      it(`gives back the same state as of a past revision (${format})`, async () => {
        const s = await services();
        const estate = smallEstate();
        if (format !== 'csv') {
          // A class beyond the built-in model travels with the data (CSV cannot carry one).
          estate.classes = [
            {
              name: 'load_balancer',
              parent: 'network_device',
              attributes: { type: 'object', properties: { vip: { type: 'string' } } },
            },
          ];
          estate.cis.push({ class: 'load_balancer', name: 'lb-1', attributes: { vip: '10.0.0.1' } });
        }
        // Commas, quotes and nested JSON must survive every format, CSV cells included.
        estate.cis.push({
          class: 'server',
          name: 'web, "quoted"',
          attributes: { cpu: 2, nested: { a: [1, null, 'x'] } },
          labels: { 'a b': 'c,d' },
        });
        const first = await s.cmdb.apply(estate, { author: 't' });
        await s.cmdb.apply(
          {
            cis: [
              { class: 'server', name: 'web-01', attributes: { cpu: 16 } },
              { class: 'server', name: 'late' },
            ],
            relations: [],
          },
          { author: 't' },
        );
        const at = first.revision!.rev;

        let text = '';
        const counts = await writeExport(
          format,
          exportPages({ store: s.store, cmdb: s.cmdb }, { at, pageSize: 3 }),
          async (t) => void (text += t),
        );
        expect(counts.cis).toBe(estate.cis.length);

        const target = await services();
        const outcome = await new ImportService({ store: target.store, cmdb: target.cmdb, clock: systemClock }).import(
          readBack(format, text),
          { author: 't', source: `${format}:x` },
        );
        expect(outcome.problems).toEqual([]);
        expect(await state(target)).toEqual(await state(s, at));

        // Importing the same export again writes nothing.
        const again = await new ImportService({ store: target.store, cmdb: target.cmdb, clock: systemClock }).import(
          readBack(format, text),
          { author: 't', source: `${format}:x` },
        );
        expect(again.revision).toBeNull();
      });
    }

    it('exports only the classes asked for, and the relationships between them', async () => {
      const s = await services();
      await s.cmdb.apply(smallEstate(), { author: 't' });
      let text = '';
      await writeExport(
        'ndjson',
        exportPages({ store: s.store, cmdb: s.cmdb }, { classes: ['server'] }),
        async (t) => void (text += t),
      );
      const records = text
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { class?: string; type?: string });
      // linux_server is a subclass of server.
      expect(records.map((r) => r.class ?? r.type).sort()).toEqual(['linux_server', 'server']);
    });
  });
}
