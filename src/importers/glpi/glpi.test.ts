import { describe, expect, it } from 'vitest';
import { readSample } from '../../../test/helpers/samples.js';
import type { DesiredState } from '../../core/ci/desired-state.js';
import { glpiImporter } from './glpi.importer.js';
import { countBy } from '../../../test/helpers/import-checks.js';

const read = (name: string) => ({ path: name, text: readSample('glpi-inventory', name) });
interface Connection {
  sysmac?: string;
  sysname?: string;
  ip?: string;
}
interface Content {
  softwares: { name: string; version?: string }[];
  networks: { description: string }[];
  virtualmachines: { name: string }[];
  bios: { ssn: string };
  hardware: { uuid: string };
  cpus: { name: string }[];
  network_ports: { ifname: string; connections?: Connection[] }[];
}
const json = (name: string) => (JSON.parse(readSample('glpi-inventory', name)) as { content: Content }).content;
const ci = (state: DesiredState, cls: string, name: string) =>
  state.cis.find((c) => c.class === cls && c.name === name);

describe('glpi importer on a computer inventory', () => {
  const raw = json('computer_3.json');
  const { state, issues } = glpiImporter.parse([read('computer_3.json')]);
  const softwareKeys = new Set<string>(raw.softwares.map((s) => `${s.name} ${s.version}`));
  const interfaceNames = new Set<string>(raw.networks.map((n) => n.description));

  it('gives the computer, its interfaces, OS and software', () => {
    expect(issues).toEqual([]);
    expect(countBy(state.cis, (c) => c.class)).toEqual({
      computer: 1,
      network_interface: interfaceNames.size,
      operating_system: 1,
      software: softwareKeys.size,
    });
    expect(countBy(state.relations, (r) => r.type)).toEqual({
      part_of: interfaceNames.size,
      installed_on: softwareKeys.size + 1,
    });
    expect(raw.softwares.length).toBe(3033);
  });

  it('keeps hardware and OS attributes', () => {
    const computer = ci(state, 'computer', 'LF014')!;
    expect(computer.attributes).toMatchObject({
      serial_number: raw.bios.ssn,
      uuid: raw.hardware.uuid,
      deviceid: 'LF014-2017-02-20-12-19-56',
      cpu: 2,
      cpu_threads: 4,
      cpu_model: raw.cpus[0]!.name,
      memory_mb: 7909,
      os: 'Fedora release 25 (Twenty Five)',
      kernel_version: '4.9.9-200.fc25.x86_64',
      default_gateway: '172.28.220.1',
      chassis_type: 'Notebook',
    });
    expect(computer.attributes?.memory_modules).toEqual([
      expect.objectContaining({ capacity_mb: 2048, slot: 'DIMM0' }),
      expect.objectContaining({ capacity_mb: 2048 }),
    ]);
    expect(ci(state, 'network_interface', 'LF014/lo')?.attributes).toMatchObject({
      ipv4: ['127.0.0.1/255.0.0.0'],
      ipv6: ['::1/fff0::'],
    });
    const xerces = raw.softwares.find((s) => s.name === 'xerces-j2')!;
    expect(ci(state, 'software', `xerces-j2 ${xerces.version}`)?.attributes).toMatchObject({
      version: xerces.version,
      publisher: 'Fedora Project',
    });
    expect(state.relations).toContainEqual({
      type: 'installed_on',
      from: 'operating_system/Fedora release 25 (Twenty Five)',
      to: 'computer/LF014',
    });
  });

  it('gives the same names to the same machine captured later, with what changed', () => {
    const updatedRaw = json('computer_3_updated.json');
    const updated = glpiImporter.parse([read('computer_3_updated.json')]).state;
    const names = (s: DesiredState, cls: string) => s.cis.filter((c) => c.class === cls).map((c) => c.name);
    expect(names(updated, 'computer')).toEqual(['LF014']);
    for (const name of names(state, 'network_interface')) expect(names(updated, 'network_interface')).toContain(name);
    expect(names(updated, 'network_interface')).toEqual(
      expect.arrayContaining(['LF014/virbr0', 'LF014/virbr0-nic', 'LF014/tun0']),
    );
    expect(names(updated, 'virtual_machine')).toEqual(updatedRaw.virtualmachines.map((vm) => `LF014/${vm.name}`));
    expect(updated.relations.filter((r) => r.type === 'runs_on')).toHaveLength(3);
    const before = ci(state, 'computer', 'LF014')!.attributes!;
    const after = ci(updated, 'computer', 'LF014')!.attributes!;
    expect([before.uuid, before.serial_number]).toEqual([after.uuid, after.serial_number]);
    expect(after.kernel_version).toBe('4.11.3-200.fc25.x86_64');
    expect((after.memory_modules as { capacity_mb: number }[]).map((m) => m.capacity_mb)).toEqual([4096, 4096]);
    expect((after.filesystems as { total_mb: number }[])[0]!.total_mb).toBe(150268);
    expect(ci(updated, 'virtual_machine', 'LF014/win8.1')?.attributes).toMatchObject({
      cpu: 2,
      memory_mb: 4194,
      power_state: 'off',
    });
    // Importing it twice is the same document.
    expect(glpiImporter.parse([read('computer_3_updated.json')]).state).toEqual(updated);
  });

  it('classifies servers and virtual machines by chassis, and honours overrides', () => {
    const server = {
      deviceid: 'db-01-2024',
      content: { hardware: { name: 'db-01', chassis_type: 'Rack Mount Chassis' } },
    };
    const guest = { deviceid: 'vm-7', content: { hardware: { name: 'vm-7', vmsystem: 'KVM' } } };
    const files = [
      { path: 'server.json', text: JSON.stringify(server) },
      { path: 'guest.json', text: JSON.stringify(guest) },
    ];
    expect(glpiImporter.parse(files).state.cis.map((c) => `${c.class}/${c.name}`)).toEqual([
      'server/db-01',
      'virtual_machine/vm-7',
    ]);
    const mapping = { classes: { server: 'linux_server' }, software: false };
    const withOverride = glpiImporter.parse([...files, read('computer_1.json')], { mapping }).state;
    expect(withOverride.cis.filter((c) => c.class === 'linux_server')).toHaveLength(1);
    expect(withOverride.cis.filter((c) => c.class === 'software')).toHaveLength(0);
    expect(() => glpiImporter.parse([], { mapping: { classes: { laptop: 'x' } } })).toThrow(
      'Unknown key "laptop" in "classes"',
    );
    expect(() => glpiImporter.parse([], { mapping: { softwares: false } })).toThrow('Unknown key "softwares"');
  });

  it('reports bad documents and records', () => {
    const noName = { content: { hardware: {}, softwares: [{ version: '1' }] } };
    const { issues } = glpiImporter.parse([
      { path: 'broken.json', text: '{' },
      { path: 'empty.json', text: '{"action": "inventory"}' },
      { path: 'noname.json', text: JSON.stringify(noName) },
      {
        path: 'nosoft.json',
        text: JSON.stringify({
          deviceid: 'h1',
          content: { hardware: { name: 'h1' }, softwares: [{ name: 'ok' }, { version: '2' }] },
        }),
      },
    ]);
    expect(issues).toEqual([
      { file: 'broken.json', message: expect.stringMatching(/^invalid JSON/) },
      { file: 'empty.json', message: expect.stringContaining('not a GLPI inventory') },
      { file: 'noname.json', location: 'content.hardware.name', message: expect.stringContaining('has no name') },
      { file: 'nosoft.json', location: 'content.softwares[1]', message: 'a software entry has no name' },
    ]);
  });
});

describe('glpi importer on a network equipment inventory', () => {
  const raw = json('networkequipment_3.json');
  const { state, issues } = glpiImporter.parse([read('networkequipment_3.json')]);
  const neighbourConnections = raw.network_ports.flatMap((p) =>
    (p.connections ?? [])
      .filter((c) => c.sysmac || c.sysname || c.ip)
      .map((c) => ({ port: p.ifname, id: c.sysmac ?? c.ip ?? c.sysname })),
  );
  const neighbours = new Set(neighbourConnections.map((c) => c.id));

  it('gives the device, its ports and its LLDP neighbours', () => {
    expect(issues).toEqual([]);
    expect(countBy(state.cis, (c) => c.class)).toEqual({
      network_device: 1,
      network_interface: raw.network_ports.length,
      host: neighbours.size,
    });
    expect(raw.network_ports).toHaveLength(61);
    expect(countBy(state.relations, (r) => r.type)).toEqual({
      part_of: raw.network_ports.length,
      connects_to: new Set(neighbourConnections.map((c) => `${c.port}>${c.id}`)).size,
    });
    expect(ci(state, 'network_device', 'HP-2530-48G')?.attributes).toMatchObject({
      serial_number: 'CN5BFP62CP',
      model: '2530-48G',
      firmware: 'YA.15.12.0015',
      ips: ['192.168.63.30'],
    });
    expect(ci(state, 'network_interface', 'HP-2530-48G/1')?.attributes).toMatchObject({
      oper_status: 'up',
      vlans: [{ name: 'VLAN 1', vid: 1 }],
    });
    expect(ci(state, 'network_interface', 'HP-2530-48G/4')?.attributes?.connected_macs).toEqual(['34:64:a9:c8:6d:d3']);
    expect(state.relations).toContainEqual({
      type: 'connects_to',
      from: 'network_interface/HP-2530-48G/1',
      to: 'host/38:1c:1a:b5:73:20',
      attributes: { remote_port: 'Port 1', protocol: 'lldp' },
    });
    expect(ci(state, 'host', '38:1c:1a:b5:73:20')?.attributes).toMatchObject({
      sysname: 'Cisco IP Phone SPA303',
      address: '192.168.63.52',
    });
  });
});
