import { describe, expect, it } from 'vitest';
import { readSample } from '../../../test/helpers/samples.js';
import { countBy, expectConsistent } from '../../../test/helpers/import-checks.js';
import { ansibleFactsImporter } from './ansible-facts.importer.js';

const FOLDER = 'config-management-facts';

/** The facts of the samples these tests read, as Ansible wrote them. */
interface RawFacts {
  [fact: string]: unknown;
  ansible_fqdn: string;
  ansible_virtualization_role: string;
  ansible_interfaces: string[];
  ansible_product_uuid: string;
  ansible_product_serial: string;
  ansible_memtotal_mb: number;
  ansible_memfree_mb: number;
  ansible_processor_count: number;
  ansible_processor_cores: number;
  ansible_processor_vcpus: number;
  ansible_kernel: string;
  ansible_distribution: string;
  ansible_distribution_version: string;
  ansible_mounts: { mount: string; size_total: number }[];
  ansible_ens3: { macaddress: string; ipv4: { address: string } };
  ansible_date_time: { epoch: string };
  ansible_env: { PATH: string };
}

/** The facts of a sample as Ansible wrote them, read here independently of the importer. */
function rawFacts(name: string): RawFacts {
  return (JSON.parse(readSample(FOLDER, name)) as { ansible_facts: RawFacts }).ansible_facts;
}

describe.each(['ansible_rhel_8.json', 'ansible_centos_8.json'])('ansible-facts importer on %s', (name) => {
  const raw = rawFacts(name);
  const result = ansibleFactsImporter.parse([{ path: name, text: readSample(FOLDER, name) }]);

  it('makes one host, one interface per listed interface and its operating system, as the facts count them', () => {
    expect(result.issues).toEqual([]);
    expectConsistent(result);
    // Both are KVM guests (ansible_virtualization_role: guest).
    expect(raw.ansible_virtualization_role).toBe('guest');
    expect(countBy(result.state.cis, (ci) => ci.class)).toEqual({
      virtual_machine: 1,
      network_interface: raw.ansible_interfaces.length,
      operating_system: 1,
    });
    expect(result.state.relations).toHaveLength(raw.ansible_interfaces.length + 1);
    const host = result.state.cis.find((ci) => ci.class === 'virtual_machine')!;
    expect(host.name).toBe(raw.ansible_fqdn);
    expect(host.attributes).toMatchObject({
      fqdn: raw.ansible_fqdn,
      uuid: raw.ansible_product_uuid,
      memory_mb: raw.ansible_memtotal_mb,
      cpu: raw.ansible_processor_count * raw.ansible_processor_cores,
      cpu_threads: raw.ansible_processor_vcpus,
      kernel_version: raw.ansible_kernel,
      os: `${raw.ansible_distribution} ${raw.ansible_distribution_version}`,
      virtualization: 'kvm',
    });
    // "NA" is no serial number: two machines sharing it would be matched as one.
    expect(raw.ansible_product_serial).toBe('NA');
    expect(host.attributes).not.toHaveProperty('serial_number');
    const mounts = host.attributes!.filesystems as { mount: string; total_mb: number }[];
    expect(mounts.map((m) => m.mount).sort()).toEqual(raw.ansible_mounts.map((m) => m.mount).sort());
    const root = raw.ansible_mounts.find((m) => m.mount === '/')!;
    expect(mounts.find((m) => m.mount === '/')?.total_mb).toBe(Math.round(root.size_total / 1048576));
  });

  it('keeps addresses and MACs on the interfaces, and nothing that changes from one run to the next', () => {
    const ens3 = result.state.cis.find((ci) => ci.name === `${raw.ansible_fqdn}/ens3`)!;
    expect(ens3.attributes).toMatchObject({
      mac_address: raw.ansible_ens3.macaddress,
      ipv4: [expect.stringMatching(new RegExp(`^${raw.ansible_ens3.ipv4.address.replaceAll('.', '\\.')}/\\d+$`))],
    });
    const text = JSON.stringify(result.state);
    for (const volatile of [raw.ansible_date_time.epoch, String(raw.ansible_memfree_mb), raw.ansible_env.PATH])
      expect(text).not.toContain(volatile);
    // Reading the same facts again gives the same state, so a re-import writes nothing.
    expect(ansibleFactsImporter.parse([{ path: name, text: readSample(FOLDER, name) }]).state).toEqual(result.state);
  });
});

describe('ansible-facts importer on the other shapes Ansible writes', () => {
  const facts = rawFacts('ansible_centos_8.json');

  it('reads a fact cache file, named by its inventory host when the facts carry no FQDN', () => {
    const { ansible_fqdn: _fqdn, ...cached } = facts;
    const result = ansibleFactsImporter.parse([{ path: 'cache/db01', text: JSON.stringify(cached) }]);
    expect(result.issues).toEqual([]);
    expect(result.state.cis.find((ci) => ci.class === 'virtual_machine')?.name).toBe('db01');
  });

  it('reads the ad-hoc output of `ansible all -m setup`, one host per header, and names the unreachable ones', () => {
    const body = JSON.stringify({ ansible_facts: facts, changed: false }, null, 4);
    const other = JSON.stringify({
      ansible_facts: { ...facts, ansible_fqdn: 'web02.cluster.local', ansible_product_uuid: 'x-2' },
    });
    const text = [
      `foreman | SUCCESS => ${body}`,
      'web03 | UNREACHABLE! => {\n    "changed": false,\n    "unreachable": true\n}',
      `web02 | SUCCESS => ${other}`,
    ].join('\n');
    const result = ansibleFactsImporter.parse([{ path: 'setup.out', text }]);
    expect(result.state.cis.filter((ci) => ci.class === 'virtual_machine').map((ci) => ci.name)).toEqual([
      'foreman.cluster.local',
      'web02.cluster.local',
    ]);
    expect(result.issues).toEqual([
      {
        file: 'setup.out',
        location: `line ${body.split('\n').length + 1}`,
        message: 'web03 gave no facts (unreachable when they were gathered); left out',
      },
    ]);
  });

  it('names the probable format of a file that holds no Ansible facts, and the line of bad JSON', () => {
    const puppet = readSample(FOLDER, 'puppet_centos_8_facter_4.1.json');
    const result = ansibleFactsImporter.parse([
      { path: 'facts.json', text: puppet },
      { path: 'broken.json', text: '{"ansible_facts": {"ansible_fqdn": "a.b"}\n{"ansible_facts": ' },
    ]);
    expect(result.state.cis).toEqual([]);
    expect(result.issues).toEqual([
      {
        file: 'facts.json',
        location: 'line 1',
        message: 'this looks like Puppet facts, not Ansible facts: read it with the puppet-facts format',
      },
      expect.objectContaining({ file: 'broken.json', location: 'line 1' }),
    ]);
    expect(result.issues[1]!.message).toMatch(/^not valid JSON \(.*\); Ansible facts expected$/);
  });

  it('makes a physical host a server, and a class mapping moves it to a class of its own', () => {
    const physical = { ...facts, ansible_virtualization_role: 'host', ansible_product_serial: 'CZ1234ABC' };
    const text = JSON.stringify({ ansible_facts: physical });
    const plain = ansibleFactsImporter.parse([{ path: 'a.json', text }]);
    expect(plain.state.cis.find((ci) => ci.class === 'server')?.attributes).toMatchObject({
      serial_number: 'CZ1234ABC',
    });
    const mapped = ansibleFactsImporter.parse([{ path: 'a.json', text }], {
      mapping: { classes: { server: 'linux_server' } },
    });
    expect(mapped.state.cis.some((ci) => ci.class === 'linux_server')).toBe(true);
    expect(() =>
      ansibleFactsImporter.parse([{ path: 'a.json', text }], { mapping: { classes: { host: 'x' } } }),
    ).toThrow(
      /classes\.host: unknown kind of CI "host"; known: server, virtual_machine, network_interface, operating_system/,
    );
  });
});
