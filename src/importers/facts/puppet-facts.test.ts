import { describe, expect, it } from 'vitest';
import { readSample } from '../../../test/helpers/samples.js';
import { countBy, expectConsistent } from '../../../test/helpers/import-checks.js';
import { puppetFactsImporter } from './puppet-facts.importer.js';

const FOLDER = 'config-management-facts';
const SAMPLE = 'puppet_centos_8_facter_4.1.json';

/** The Facter 4.1 facts of the sample, as Puppet printed them. */
interface RawFacts {
  is_virtual: boolean;
  virtual: string;
  kernelrelease: string;
  networking: { fqdn: string; interfaces: Record<string, { mac?: string; bindings: { address: string }[] }> };
  memory: { system: { total_bytes: number; available_bytes: number } };
  processors: { count: number; physicalcount: number; models: string[] };
  dmi: { product: { uuid: string } };
  os: { name: string; family: string; release: { full: string } };
  system_uptime: { seconds: number };
}

describe('puppet-facts importer on the output of `puppet facts show` (Facter 4.1)', () => {
  const text = readSample(FOLDER, SAMPLE);
  const raw = JSON.parse(text) as RawFacts;
  const result = puppetFactsImporter.parse([{ path: SAMPLE, text }]);

  it('makes the node, one interface per networking.interfaces entry and its operating system', () => {
    expect(result.issues).toEqual([]);
    expectConsistent(result);
    expect(raw.is_virtual).toBe(true);
    const interfaces = Object.keys(raw.networking.interfaces);
    expect(countBy(result.state.cis, (ci) => ci.class)).toEqual({
      virtual_machine: 1,
      network_interface: interfaces.length,
      operating_system: 1,
    });
    expect(result.state.relations).toHaveLength(interfaces.length + 1);
    const node = result.state.cis.find((ci) => ci.class === 'virtual_machine')!;
    expect(node.name).toBe(raw.networking.fqdn);
    expect(node.attributes).toEqual({
      fqdn: raw.networking.fqdn,
      hostname: raw.networking.fqdn,
      uuid: raw.dmi.product.uuid,
      manufacturer: 'QEMU',
      model: 'Standard PC (Q35 + ICH9, 2009)',
      virtualization: raw.virtual,
      os: `${raw.os.name} ${raw.os.release.full}`,
      os_family: raw.os.family,
      os_version: raw.os.release.full,
      os_arch: 'x86_64',
      kernel_version: raw.kernelrelease,
      cpu_count: raw.processors.physicalcount,
      cpu_threads: raw.processors.count,
      cpu_model: raw.processors.models[0],
      memory_mb: Math.round(raw.memory.system.total_bytes / 1048576),
      memory_gb: Math.round((raw.memory.system.total_bytes / 1048576 / 1024) * 100) / 100,
    });
    const text = JSON.stringify(result.state);
    expect(text).not.toContain(String(raw.memory.system.available_bytes));
    expect(text).not.toContain(String(raw.system_uptime.seconds));
  });

  it('keeps each interface with its MAC and addresses, IPv6 prefixes read from their masks', () => {
    const nic = result.state.cis.find((ci) => ci.name === `${raw.networking.fqdn}/enp1s0`)!;
    expect(nic.attributes).toEqual({
      mac_address: raw.networking.interfaces['enp1s0']!.mac,
      ipv4: ['192.168.122.29/24'],
      ipv6: ['fe80::5054:ff:fe85:821/64'],
      mtu: 1500,
    });
  });
});

// PuppetDB pages in the shapes of its v4 query API (/pdb/query/v4/facts, /nodes, /factsets),
// written to its documentation: no published PuppetDB export was found to copy.
const factsPage = [
  {
    certname: 'web01.example.com',
    environment: 'production',
    name: 'networking',
    value: {
      fqdn: 'web01.example.com',
      hostname: 'web01',
      interfaces: {
        eth0: { mac: '52:54:00:AA:BB:01', bindings: [{ address: '10.0.0.11', netmask: '255.255.255.0' }] },
      },
    },
  },
  { certname: 'web01.example.com', environment: 'production', name: 'is_virtual', value: false },
  {
    certname: 'web01.example.com',
    environment: 'production',
    name: 'dmi',
    value: { product: { serial_number: 'CZJ1234ABC', uuid: '4C4C4544-0042' } },
  },
  {
    certname: 'db01.example.com',
    environment: 'production',
    name: 'os',
    value: { name: 'Debian', family: 'Debian', release: { full: '12.5' } },
  },
];
const nodesPage = [
  {
    certname: 'old01.example.com',
    deactivated: '2026-11-02T08:00:00.000Z',
    expired: null,
    facts_environment: 'production',
  },
  {
    certname: 'db01.example.com',
    deactivated: null,
    expired: null,
    facts_environment: 'staging',
    latest_report_status: 'changed',
    report_timestamp: '2026-12-01T10:00:00.000Z',
  },
];
const factsetsPage = [
  {
    certname: 'cache01',
    environment: 'production',
    facts: {
      data: [
        { name: 'fqdn', value: 'cache01.example.com' },
        { name: 'memorysize_mb', value: 2048 },
        { name: 'is_virtual', value: 'true' },
        { name: 'virtual', value: 'vmware' },
      ],
    },
  },
];

describe('puppet-facts importer on PuppetDB query pages', () => {
  const result = puppetFactsImporter.parse([
    { path: 'facts.json', text: JSON.stringify(factsPage) },
    { path: 'nodes.json', text: JSON.stringify(nodesPage) },
    { path: 'factsets.json', text: JSON.stringify(factsetsPage) },
  ]);

  it('joins the rows of one certname from every page into one node, with its environment', () => {
    expect(result.issues).toEqual([]);
    const machines = result.state.cis.filter((ci) => ci.class === 'server' || ci.class === 'virtual_machine');
    expect(machines.map((ci) => `${ci.class}/${ci.name}`)).toEqual([
      'server/web01.example.com',
      'server/db01.example.com',
      'virtual_machine/cache01.example.com',
    ]);
    expect(machines[0]!.attributes).toMatchObject({
      serial_number: 'CZJ1234ABC',
      uuid: '4c4c4544-0042',
      puppet_environment: 'production',
    });
    // old01 was deactivated: PuppetDB no longer manages it, so it is no machine of the estate.
    expect(JSON.stringify(result.state)).not.toContain('old01');
    // The nodes page names db01's environment; its facts page row gives its OS.
    expect(machines[1]!.attributes).toMatchObject({ os: 'Debian 12.5', puppet_environment: 'staging' });
    expect(machines[2]!.attributes).toMatchObject({ memory_mb: 2048, virtualization: 'vmware' });
    expect(result.state.cis.find((ci) => ci.name === 'web01.example.com/eth0')?.attributes).toEqual({
      mac_address: '52:54:00:aa:bb:01',
      ipv4: ['10.0.0.11/24'],
    });
    // The run's status and time change on every run: they are not the node's configuration.
    expect(JSON.stringify(result.state)).not.toContain('2026-12-01T10:00');
  });

  it('reads `puppet facts find` and names what is not Puppet facts', () => {
    const find = { name: 'app01.example.com', values: { fqdn: 'app01', is_virtual: 'false' }, timestamp: 'x' };
    const ansible = readSample(FOLDER, 'ansible_centos_8.json');
    const out = puppetFactsImporter.parse([
      { path: 'find.json', text: JSON.stringify(find) },
      { path: 'setup.json', text: ansible },
      { path: 'page.json', text: JSON.stringify([{ certname: 'a', name: 'x', value: 1 }, { name: 'y' }]) },
    ]);
    expect(out.state.cis.map((ci) => `${ci.class}/${ci.name}`)).toEqual(['server/app01.example.com']);
    expect(out.issues).toEqual([
      {
        file: 'setup.json',
        location: 'line 1',
        message: 'this looks like Ansible facts, not Puppet facts: read it with the ansible-facts format',
      },
      {
        file: 'page.json',
        location: 'line 1',
        message: 'row 2 of the PuppetDB page has no certname; the page is left out',
      },
    ]);
  });
});
