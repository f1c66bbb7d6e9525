import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../src/app/services.js';
import type { ImportBatch } from '../../src/core/import/import.types.js';
import { IMPORTERS } from '../../src/importers/importer-registry.js';
import { engines } from '../helpers/engines.js';
import { samplePath } from '../helpers/samples.js';

/** Files read through their importer as `cairn import` reads them: with the files they name followed. */
function parsed(format: string, paths: string[]): { batches: ImportBatch[]; cis: number; relations: number } {
  const readFile = (path: string): string | undefined => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  };
  const files = paths.map((path) => ({ path, text: readFileSync(path, 'utf8') }));
  const { state, issues, skipped, positions } = IMPORTERS.get(format)!.parse(files, { readFile });
  const batch: ImportBatch = {
    ...state,
    issues,
    ...(skipped ? { skipped } : {}),
    locate: (kind, i) => (kind === 'ci' ? positions!.cis[i]! : positions!.relations[i]!),
  };
  return { batches: [batch], cis: state.cis.length, relations: state.relations.length };
}

/** Format and sample files, named under test/fixtures/samples. */
const SAMPLES: [string, string][] = [
  ['compose', 'compose-spec/full-example.yml'],
  ['compose', 'compose-spec/compose-include.yaml'],
  ['compose', 'compose-spec/combined/compose.yaml'],
  ['backstage', 'backstage-catalog/examples/all-components.yaml backstage-catalog/examples/all-systems.yaml'],
  ['backstage', 'backstage-catalog/newer/all-environments.yaml'],
  ['terraform', 'terraform-states/opentofu-v3-simple.out.tfstate'],
];
const pathsOf = (names: string) => names.split(' ').map((name) => samplePath(...name.split('/')));

for (const harness of engines()) {
  describe(`imports of compose, backstage and terraform constructs on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    async function services(): Promise<Services> {
      const s = await createServices(await harness.newStore(), { runsJobs: false });
      await s.cmdb.initialize('t');
      return s;
    }

    it.each(SAMPLES)('%s %s: writes what was read, and a re-import writes nothing', async (format, names) => {
      const paths = pathsOf(names);
      const s = await services();
      const meta = { author: 'importer', message: 'import', source: `${format}:sample` };
      const input = parsed(format, paths);
      const first = await s.imports.run(input.batches, meta, { skipInvalid: true });
      expect(first.refused).toBe(false);
      expect(first.cis.added).toBe(input.cis);
      expect(first.relations.added + first.unresolved.length).toBe(input.relations);
      const again = await s.imports.run(parsed(format, paths).batches, meta, { skipInvalid: true });
      expect(again.revision).toBeNull();
      expect(again.unchanged.cis).toBe(input.cis);
    });
  });
}
