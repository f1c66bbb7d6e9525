import { afterAll, describe, expect, it } from 'vitest';
import type { DesiredState } from '../../src/core/ci/desired-state.js';
import { ImportService } from '../../src/core/import/import.service.js';
import { importerFor } from '../../src/importers/importer-registry.js';
import { engines } from '../helpers/engines.js';
import { readSample } from '../helpers/samples.js';
import { byRef, driftFixture } from './drift-harness.js';

/**
 * The importers of the tools that already know the configuration (facts, virtualisation
 * inventories, build files), each on its real sample, on both engines: the import writes what
 * the importer parsed, a re-import writes nothing, and the same input read as a drift
 * observation finds nothing until the machine moves.
 */
interface Source {
  format: string;
  files: [folder: string, name: string][];
  /** The CI whose attribute the "moved" observation changes, the attribute, and its new value. */
  moved: { ref: string; attribute: string; value: unknown };
  /** A CI the "moved" observation no longer has. */
  gone: string;
}

const SOURCES: Source[] = [
  {
    format: 'ansible-facts',
    files: [['config-management-facts', 'ansible_rhel_8.json']],
    moved: { ref: 'virtual_machine/kvm-02-guest09.hv2.lab.eng.example.com', attribute: 'memory_mb', value: 7832 },
    gone: 'network_interface/kvm-02-guest09.hv2.lab.eng.example.com/ens3',
  },
  {
    format: 'puppet-facts',
    files: [['config-management-facts', 'puppet_centos_8_facter_4.1.json']],
    moved: { ref: 'virtual_machine/stream', attribute: 'kernel_version', value: '4.18.0-305.el8.x86_64' },
    gone: 'network_interface/stream/enp1s0',
  },
  {
    format: 'chef',
    files: [['config-management-facts', 'chef_centos_stream.json']],
    moved: { ref: 'virtual_machine/stream.dl360.cluster.com', attribute: 'memory_mb', value: 2048 },
    gone: 'network_interface/stream.dl360.cluster.com/ens3',
  },
  {
    format: 'salt-grains',
    files: [['config-management-facts', 'salt_centos_stream.json']],
    moved: { ref: 'virtual_machine/stream.dl360.cluster.com', attribute: 'cpu_threads', value: 4 },
    gone: 'network_interface/stream.dl360.cluster.com/ens3',
  },
  {
    format: 'libvirt',
    files: [['libvirt-domains', 'testdomfv0.xml']],
    moved: { ref: 'virtual_machine/fv0', attribute: 'cpu', value: 2 },
    gone: 'network_interface/fv0/00:16:3e:5d:c7:9e',
  },
  {
    format: 'vsphere',
    files: ['govc-ls-vm.json', 'govc-ls-infrastructure.json', 'govc-collect-hosts.json'].map((name) => [
      'vsphere-govc',
      name,
    ]),
    moved: { ref: 'virtual_machine/DC0_C0_RP0_VM0', attribute: 'cpu', value: 2 },
    gone: 'network_interface/DC0_H0_VM0/00:0c:29:36:63:62',
  },
  {
    format: 'docker',
    files: ['container-inspect.json', 'network-inspect.json', 'volume-inspect.json'].map((name) => [
      'docker-inspect',
      name,
    ]),
    moved: { ref: 'container/boring_euclid', attribute: 'image', value: 'ubuntu:24.04' },
    gone: 'volume/tardis',
  },
  {
    format: 'npm',
    files: [['npm-lockfiles', 'package-lock.json']],
    moved: { ref: 'application/carbonium', attribute: 'version', value: '1.0.2' },
    gone: 'software/eslint',
  },
  {
    format: 'maven',
    files: [['maven-poms', 'pom.xml']],
    moved: { ref: 'application/org.apache.commons:commons-text', attribute: 'version', value: '1.16.0' },
    gone: 'software/org.apache.commons:commons-csv',
  },
];

function parse(source: Source): DesiredState {
  const result = importerFor(source.format)!.parse(
    source.files.map(([folder, name]) => ({ path: name, text: readSample(folder, name) })),
  );
  expect(result.issues).toEqual([]);
  return result.state;
}

for (const harness of engines()) {
  describe(`new import sources on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    for (const source of SOURCES) {
      it(`${source.format}: imports its sample as parsed, re-imports as no change, and drift sees what moved`, async () => {
        const f = await driftFixture(harness);
        const imports = new ImportService({ store: f.store, cmdb: f.cmdb, clock: f.clock });
        const state = parse(source);
        const meta = { author: 'agent', source: `import:${source.format}` };
        const first = await imports.import([{ ...state }], meta);
        expect(first.problems.map((p) => p.message)).toEqual([]);
        expect(first.revision?.rev).toBe(2);
        expect(await f.store.countCis()).toBe(state.cis.length);
        // A relationship to a CI outside the input (the default bridge network) is kept unresolved.
        const inInput = new Set(state.cis.map((ci) => `${ci.class}/${ci.name}`));
        const written = state.relations.filter((r) => inInput.has(r.from) && inInput.has(r.to));
        expect(await f.store.listRelations({ limit: 10_000 })).toHaveLength(written.length);
        expect((await imports.import([{ ...parse(source) }], meta)).revision).toBeNull();

        const same = await f.drift.check({
          observed: parse(source),
          source: source.format,
          format: source.format,
          author: 'agent',
        });
        expect(same.findings).toEqual([]);

        const observed = parse(source);
        const [movedClass, ...movedName] = source.moved.ref.split('/');
        const ci = observed.cis.find((c) => c.class === movedClass && c.name === movedName.join('/'))!;
        ci.attributes = { ...ci.attributes, [source.moved.attribute]: source.moved.value };
        observed.cis = observed.cis.filter((c) => `${c.class}/${c.name}` !== source.gone);
        observed.relations = observed.relations.filter((r) => r.from !== source.gone && r.to !== source.gone);
        const report = await f.drift.check({ observed, source: source.format, format: source.format, author: 'agent' });
        const found = byRef(report.findings);
        expect(Object.keys(found).sort()).toEqual([source.gone, source.moved.ref].sort());
        expect(found[source.gone]?.kind).toBe('missing');
        expect(found[source.moved.ref]?.attributes.map((a) => [a.name, a.observed])).toEqual([
          [source.moved.attribute, source.moved.value],
        ]);
      });
    }
  });
}
