import { afterAll, describe, expect, it } from 'vitest';
import type { DesiredState } from '../../src/core/ci/desired-state.js';
import { ImportService } from '../../src/core/import/import.service.js';
import { importerFor } from '../../src/importers/importer-registry.js';
import { engines } from '../helpers/engines.js';
import { readSample } from '../helpers/samples.js';
import { byRef, driftFixture } from './drift-harness.js';

/**
 * The inventory importers (Ansible, NetBox, GLPI, CSV) on their real samples, on both engines:
 * the import writes what the importer parsed, a re-import writes nothing, and the same input read
 * as a drift observation finds nothing until a CI moves or goes.
 */
interface Sample {
  format: string;
  files: [folder: string, name: string][];
  mapping?: Record<string, unknown>;
}

const SAMPLES: Sample[] = [
  { format: 'ansible', files: [['ansible-inventories', 'kolla-ansible-multinode.ini']] },
  { format: 'ansible', files: [['ansible-inventories', 'k3s-ansible-inventory-sample.yml']] },
  { format: 'netbox', files: [['netbox-demo', 'netbox-demo-v2.11-akron.json']] },
  { format: 'netbox', files: [['netbox-demo', 'netbox-demo-v3.2-akron.json']] },
  { format: 'glpi', files: [['glpi-inventory', 'printer_1.json']] },
  { format: 'glpi', files: [['glpi-inventory', 'networkequipment_5.json']] },
  { format: 'glpi', files: [['glpi-inventory', 'phone_1.json']] },
];

function parse(sample: Sample): DesiredState {
  const result = importerFor(sample.format)!.parse(
    sample.files.map(([folder, name]) => ({ path: name, text: readSample(folder, name) })),
    sample.mapping ? { mapping: sample.mapping } : undefined,
  );
  expect(result.issues).toEqual([]);
  return result.state;
}

for (const harness of engines()) {
  describe(`inventory importers on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    for (const sample of SAMPLES) {
      it(`${sample.format} ${sample.files.map((f) => f[1]).join(', ')}: imports as parsed, re-imports as no change, drift sees what moved`, async () => {
        const f = await driftFixture(harness);
        const imports = new ImportService({ store: f.store, cmdb: f.cmdb, clock: f.clock });
        const state = parse(sample);
        const meta = { author: 'agent', source: `import:${sample.format}` };
        const first = await imports.import([{ ...state }], meta);
        expect(first.problems).toEqual([]);
        expect(first.unresolved).toEqual([]);
        expect(await f.store.countCis()).toBe(state.cis.length);
        expect(await f.store.listRelations({ limit: 100_000 })).toHaveLength(state.relations.length);
        expect((await imports.import([{ ...parse(sample) }], meta)).revision).toBeNull();

        const check = (observed: DesiredState) =>
          f.drift.check({ observed, source: sample.format, format: sample.format, author: 'agent' });
        expect((await check(parse(sample))).findings).toEqual([]);

        const observed = parse(sample);
        const moved = observed.cis[0]!;
        const gone = observed.cis[observed.cis.length - 1]!;
        const goneRef = `${gone.class}/${gone.name}`;
        moved.attributes = { ...moved.attributes, drift_probe: 'moved' };
        observed.cis = observed.cis.filter((c) => c !== gone);
        observed.relations = observed.relations.filter((r) => r.from !== goneRef && r.to !== goneRef);
        const found = byRef((await check(observed)).findings);
        const movedRef = `${moved.class}/${moved.name}`;
        expect(Object.keys(found).sort()).toEqual([goneRef, movedRef].sort());
        expect(found[goneRef]?.kind).toBe('missing');
        expect(found[movedRef]?.attributes.map((a) => [a.name, a.observed])).toEqual([['drift_probe', 'moved']]);
      });
    }
  });
}
