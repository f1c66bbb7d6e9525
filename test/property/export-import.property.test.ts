import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { exportPages } from '../../src/core/import/export-records.js';
import type { ImportBatch } from '../../src/core/import/import.types.js';
import { STREAMING_IMPORTERS } from '../../src/importers/cairn/cairn-formats.js';
import { readCairnDocument } from '../../src/importers/cairn/document.importer.js';
import { EXPORT_FORMATS, writeExport, type ExportFormat } from '../../src/importers/cairn/format-writers.js';
import { engines } from '../helpers/engines.js';
import { meta } from '../helpers/fixtures.js';
import { FUZZ_SEED, runs, SUITE_TIMEOUT_MS } from '../fuzz/fuzz-settings.js';
import { comparable, documentFor, estate } from './estates.js';
import { freshServices, stateAt } from './store-state.js';

async function* chunksOf(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

/** An export's text read back by the importer of its format, in chunks cut anywhere. */
function readBack(format: ExportFormat, text: string, chunk: number): AsyncIterable<ImportBatch> | ImportBatch[] {
  if (format === 'json' || format === 'yaml') return [readCairnDocument({ path: `x.${format}`, text }, format)];
  return STREAMING_IMPORTERS.get(format)!.stream([{ path: `x.${format}`, chunks: chunksOf(text, chunk) }], {
    batchSize: 3,
  });
}

/**
 * Export then import, in every one of Cairn's formats, on random estates (non-ASCII text, nested
 * values, names with spaces and slashes): importing an export of the head into the same CMDB
 * writes nothing (the diff is empty), and importing an export of any revision into an empty CMDB
 * gives that revision's state.
 */
for (const harness of engines()) {
  const numRuns = runs(harness.engine === 'sqlite' ? 6 : 3);

  describe(`export → import properties on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    it(
      'an export imported back gives an empty diff, and the same state in an empty CMDB',
      async () => {
        await fc.assert(
          fc.asyncProperty(
            fc.array(estate(), { minLength: 1, maxLength: 3 }),
            fc.constantFrom(...EXPORT_FORMATS),
            fc.integer({ min: 1, max: 200 }),
            fc.nat(),
            async (estates, format, chunk, pick) => {
              const { s, store } = await freshServices(harness);
              const revs: number[] = [];
              for (const e of estates) {
                await s.cmdb.apply(documentFor(e, await stateAt(s, store)), meta('property'));
                revs.push(await s.history.headRev());
              }
              const exportOf = async (at?: number) => {
                let text = '';
                await writeExport(
                  format,
                  exportPages({ store, cmdb: s.cmdb }, { at, pageSize: 4 }),
                  async (t) => void (text += t),
                );
                return text;
              };

              const head = await s.history.headRev();
              const again = await s.imports.import(readBack(format, await exportOf(), chunk), {
                ...meta('round trip'),
                source: `${format}:x`,
              });
              expect(again.problems).toEqual([]);
              expect(again.revision).toBeNull();
              expect(await s.history.headRev()).toBe(head);

              const at = revs[pick % revs.length]!;
              const target = await freshServices(harness);
              const into = await target.s.imports.import(readBack(format, await exportOf(at), chunk), {
                ...meta('copy'),
                source: `${format}:x`,
              });
              expect(into.problems).toEqual([]);
              expect(comparable(await stateAt(target.s, target.store))).toEqual(
                comparable(await stateAt(s, store, at)),
              );
            },
          ),
          { numRuns, seed: FUZZ_SEED },
        );
      },
      SUITE_TIMEOUT_MS,
    );
  });
}
