import { describe, expect, it } from 'vitest';
import { readSample } from '../../../test/helpers/samples.js';
import { countBy, expectConsistent } from '../../../test/helpers/import-checks.js';
import { chefNodeImporter } from './chef-node.importer.js';
import { saltGrainsImporter } from './salt-grains.importer.js';

const FOLDER = 'config-management-facts';
const CHEF = 'chef_centos_stream.json';
const SALT = 'salt_centos_stream.json';

/** The parts of the two samples these tests compare with, as Ohai and Salt wrote them. */
interface RawOhai {
  fqdn: string;
  network: { interfaces: Record<string, unknown> };
  memory: { total: string };
  filesystem: { by_mountpoint: Record<string, { devices?: string[] }> };
  dmi: { system: { uuid: string } };
  uptime_seconds: number;
}
interface RawGrains {
  id: string;
  hwaddr_interfaces: Record<string, string>;
  mem_total: number;
  uuid: string;
}

const ohai = JSON.parse(readSample(FOLDER, CHEF)) as RawOhai;
const grains = JSON.parse(readSample(FOLDER, SALT)) as RawGrains;

describe('chef importer on Ohai data of a CentOS Stream 8 guest', () => {
  const result = chefNodeImporter.parse([{ path: CHEF, text: readSample(FOLDER, CHEF) }]);

  it('makes the machine, one interface per network.interfaces entry and its operating system', () => {
    expect(result.issues).toEqual([]);
    expectConsistent(result);
    const interfaces = Object.keys(ohai.network.interfaces);
    expect(countBy(result.state.cis, (ci) => ci.class)).toEqual({
      virtual_machine: 1,
      network_interface: interfaces.length,
      operating_system: 1,
    });
    const node = result.state.cis.find((ci) => ci.class === 'virtual_machine')!;
    expect(node.name).toBe(ohai.fqdn);
    expect(node.attributes).toMatchObject({
      uuid: ohai.dmi.system.uuid,
      memory_mb: Math.round(parseInt(ohai.memory.total, 10) / 1024),
      os: 'centos 8',
      os_family: 'rhel',
      virtualization: 'kvm',
      default_gateway: '192.168.88.1',
    });
    // Only mounts of devices: of the 35 mount points Ohai lists, / and /boot.
    const devices = Object.entries(ohai.filesystem.by_mountpoint).filter(([, m]) =>
      m.devices?.[0]?.startsWith('/dev/'),
    );
    expect((node.attributes!.filesystems as { mount: string }[]).map((m) => m.mount)).toEqual(
      devices.map(([mount]) => mount).sort(),
    );
    expect(JSON.stringify(result.state)).not.toContain(String(ohai.uptime_seconds));
  });

  it('reads `knife node show -l -F json` and `knife search node`, keeping the environment and run list', () => {
    const node = {
      name: 'stream',
      chef_environment: 'production',
      json_class: 'Chef::Node',
      chef_type: 'node',
      run_list: ['role[base]', 'recipe[nginx::default]'],
      automatic: ohai,
      normal: { tags: [] },
    };
    const show = chefNodeImporter.parse([{ path: 'node.json', text: JSON.stringify(node) }]);
    const search = chefNodeImporter.parse([
      {
        path: 'search.json',
        text: JSON.stringify({ results: 2, rows: [node, { name: 'x', json_class: 'Chef::Role' }] }),
      },
    ]);
    for (const out of [show, search]) {
      expect(out.state.cis.find((ci) => ci.class === 'virtual_machine')?.attributes).toMatchObject({
        chef_environment: 'production',
        run_list: ['role[base]', 'recipe[nginx::default]'],
      });
    }
    expect(show.issues).toEqual([]);
    expect(search.issues).toEqual([
      { file: 'search.json', location: 'line 1, rows[1]', message: expect.stringMatching(/^not a Chef node/) },
    ]);
  });
});

describe('salt-grains importer on the grains of the same guest', () => {
  const result = saltGrainsImporter.parse([{ path: SALT, text: readSample(FOLDER, SALT) }]);

  it('makes the machine and an interface per hwaddr_interfaces entry, named as Chef names them', () => {
    expect(result.issues).toEqual([]);
    expectConsistent(result);
    expect(countBy(result.state.cis, (ci) => ci.class)).toEqual({
      virtual_machine: 1,
      network_interface: Object.keys(grains.hwaddr_interfaces).length,
      operating_system: 1,
    });
    const fromSalt = result.state.cis.find((ci) => ci.class === 'virtual_machine')!;
    const fromChef = chefNodeImporter
      .parse([{ path: CHEF, text: readSample(FOLDER, CHEF) }])
      .state.cis.find((ci) => ci.class === 'virtual_machine')!;
    // One machine, two tools: one name, and the same identity and size.
    expect(fromSalt.name).toBe(grains.id);
    expect(fromSalt.name).toBe(fromChef.name);
    for (const attribute of ['uuid', 'memory_mb', 'cpu_threads', 'kernel_version', 'fqdn'])
      expect(fromSalt.attributes?.[attribute], attribute).toEqual(fromChef.attributes?.[attribute]);
    expect(fromSalt.attributes).toMatchObject({ memory_mb: grains.mem_total, uuid: grains.uuid });
    // The loopback's all-zero MAC is no MAC address.
    expect(result.state.cis.find((ci) => ci.name === `${grains.id}/lo`)?.attributes).not.toHaveProperty('mac_address');
  });

  it("reads `salt '*' grains.items --out=json`, one object per minion, and names a minion that gave none", () => {
    const other = { ...grains, id: 'db01.example.com', fqdn: 'db01.example.com', uuid: 'u-2', virtual: 'physical' };
    const text = [
      JSON.stringify({ [grains.id]: grains }, null, 4),
      JSON.stringify({ 'db01.example.com': other }),
      JSON.stringify({ 'web09.example.com': 'Minion did not return. [No response]' }),
    ].join('\n');
    const out = saltGrainsImporter.parse([{ path: 'grains.json', text }]);
    expect(
      out.state.cis
        .filter((ci) => ci.class === 'virtual_machine' || ci.class === 'server')
        .map((ci) => `${ci.class}/${ci.name}`),
    ).toEqual([`virtual_machine/${grains.id}`, 'server/db01.example.com']);
    expect(out.issues).toEqual([
      {
        file: 'grains.json',
        location: `line ${JSON.stringify({ [grains.id]: grains }, null, 4).split('\n').length + 2}, web09.example.com`,
        message: 'minion web09.example.com gave no grains ("Minion did not return. [No response]"); left out',
      },
    ]);
    const chef = saltGrainsImporter.parse([{ path: 'ohai.json', text: readSample(FOLDER, CHEF) }]);
    expect(chef.issues[0]?.message).toBe('this looks like a Chef node, not Salt grains: read it with the chef format');
  });
});
