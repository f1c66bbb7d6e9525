import { describe, expect, it } from 'vitest';
import { readSample } from '../../../test/helpers/samples.js';
import { countBy } from '../../../test/helpers/import-checks.js';
import { netboxImporter } from './netbox.importer.js';
import { modelOfFileName } from './netbox-records.js';

const CLASS_OF_MODEL: Record<string, string> = {
  'dcim.region': 'region',
  'dcim.site': 'site',
  'dcim.rack': 'rack',
  'dcim.manufacturer': 'manufacturer',
  'dcim.devicetype': 'device_type',
  'dcim.device': 'network_device',
  'dcim.interface': 'network_interface',
  'virtualization.vminterface': 'network_interface',
  'virtualization.cluster': 'cluster',
  'virtualization.virtualmachine': 'virtual_machine',
  'ipam.vrf': 'vrf',
  'ipam.vlan': 'vlan',
  'ipam.prefix': 'prefix',
  'ipam.ipaddress': 'ip_address',
  'circuits.provider': 'provider',
  'circuits.circuit': 'circuit',
};

/** The full v3.6 demo data (cables as 3.3+ termination rows), the reference for the older releases. */
const current = netboxImporter.parse([
  { path: 'netbox-demo-v3.6.json', text: readSample('netbox-demo', 'netbox-demo-v3.6.json') },
]).state;

describe.each(['2.11', '3.2'])('netbox importer on the NetBox %s demo data (one site cut out)', (version) => {
  const name = `netbox-demo-v${version}-akron.json`;
  const text = readSample('netbox-demo', name);
  const rows = JSON.parse(text) as { model: string; fields: Record<string, unknown> }[];
  const { state, issues } = netboxImporter.parse([{ path: name, text }]);

  it('imports every inventory object of the file, with no issue', () => {
    expect(issues).toEqual([]);
    const expected = countBy(
      rows.filter((r) => CLASS_OF_MODEL[r.model] !== undefined),
      (r) => CLASS_OF_MODEL[r.model]!,
    );
    expect(countBy(state.cis, (ci) => ci.class)).toEqual(expected);
  });

  it('reads the cables of NetBox before 3.3 (termination_a/b on the cable) as the 3.6 data has them', () => {
    const cables = rows.filter((r) => r.model === 'dcim.cable');
    expect(cables.every((r) => 'termination_a_type' in r.fields)).toBe(true);
    const connects = state.relations.filter((r) => r.type === 'connects_to');
    expect(connects).toHaveLength(cables.length);
    const refs = new Set(state.cis.map((ci) => `${ci.class}/${ci.name}`));
    const sameInCurrent = current.relations.filter(
      (r) => r.type === 'connects_to' && refs.has(r.from) && refs.has(r.to),
    );
    expect(connects).toEqual(sameInCurrent);
    expect(connects).toContainEqual({
      type: 'connects_to',
      from: 'network_interface/dmi01-akron-rtr01/GigabitEthernet0/1/0',
      to: 'network_interface/dmi01-akron-sw01/GigabitEthernet1/0/1',
      attributes: { cable: '#35', cable_type: 'cat5e' },
    });
  });
});

describe('netbox importer on NetBox 2.x REST data', () => {
  const interfaces = {
    count: 2,
    next: null,
    previous: null,
    results: [
      {
        id: 7,
        url: 'https://netbox.example/api/dcim/interfaces/7/',
        device: { id: 3, url: 'https://netbox.example/api/dcim/devices/3/', name: 'edge1' },
        name: 'ge-0/0/0',
        cable: { id: 9, url: 'https://netbox.example/api/dcim/cables/9/', label: '' },
      },
      {
        id: 8,
        url: 'https://netbox.example/api/dcim/interfaces/8/',
        device: { id: 4, url: 'https://netbox.example/api/dcim/devices/4/', name: 'core1' },
        name: 'xe-0/0/1',
      },
    ],
  };
  // NetBox up to 2.8: an address names one interface; a VM's interface lives under virtualization.
  const addresses = [
    {
      id: 1,
      url: 'https://netbox.example/api/ipam/ip-addresses/1/',
      address: '192.0.2.1/24',
      interface: { id: 7, url: 'https://netbox.example/api/dcim/interfaces/7/', name: 'ge-0/0/0' },
    },
    {
      id: 2,
      url: 'https://netbox.example/api/ipam/ip-addresses/2/',
      address: '192.0.2.9/24',
      interface: {
        id: 12,
        url: 'https://netbox.example/api/virtualization/interfaces/12/',
        virtual_machine: { id: 5, name: 'app1' },
        name: 'eth0',
      },
    },
    { id: 3, url: 'https://netbox.example/api/ipam/ip-addresses/3/', address: '192.0.2.2/24', interface_id: 8 },
  ];
  const vmInterfaces = {
    results: [
      {
        id: 12,
        url: 'https://netbox.example/api/virtualization/interfaces/12/',
        virtual_machine: { id: 5, url: 'https://netbox.example/api/virtualization/virtual-machines/5/', name: 'app1' },
        name: 'eth0',
      },
    ],
  };
  const cables = [
    {
      id: 9,
      url: 'https://netbox.example/api/dcim/cables/9/',
      termination_a_type: 'dcim.interface',
      termination_a_id: 7,
      termination_a: { id: 7, url: 'https://netbox.example/api/dcim/interfaces/7/', name: 'ge-0/0/0' },
      termination_b_type: 'dcim.interface',
      termination_b_id: 8,
      termination_b: { id: 8, url: 'https://netbox.example/api/dcim/interfaces/8/', name: 'xe-0/0/1' },
      type: 'cat6',
      label: 'uplink',
    },
  ];
  const result = netboxImporter.parse([
    { path: 'interfaces.json', text: JSON.stringify(interfaces) },
    { path: 'vm-interfaces.json', text: JSON.stringify(vmInterfaces) },
    { path: 'addresses.json', text: JSON.stringify(addresses) },
    { path: 'cables.json', text: JSON.stringify(cables) },
  ]);

  it('assigns addresses by interface (nested, by url) and interface_id', () => {
    expect(result.state.relations.filter((r) => r.from.startsWith('ip_address/'))).toEqual([
      { type: 'part_of', from: 'ip_address/192.0.2.1/24', to: 'network_interface/edge1/ge-0/0/0' },
      { type: 'part_of', from: 'ip_address/192.0.2.9/24', to: 'network_interface/app1/eth0' },
      { type: 'part_of', from: 'ip_address/192.0.2.2/24', to: 'network_interface/core1/xe-0/0/1' },
    ]);
  });

  it('connects a pre-3.3 cable by its termination_a and termination_b', () => {
    expect(result.state.relations.filter((r) => r.type === 'connects_to')).toEqual([
      {
        type: 'connects_to',
        from: 'network_interface/edge1/ge-0/0/0',
        to: 'network_interface/core1/xe-0/0/1',
        attributes: { cable: 'uplink', cable_type: 'cat6' },
      },
    ]);
  });

  it('names a NetBox 2.8 virtual machine interface (kept with device interfaces) by its machine', () => {
    const fixture = [
      { model: 'virtualization.virtualmachine', pk: 5, fields: { name: 'app1', cluster: null } },
      { model: 'dcim.interface', pk: 12, fields: { name: 'eth0', device: null, virtual_machine: 5 } },
      { model: 'ipam.ipaddress', pk: 1, fields: { address: '192.0.2.9/24', vrf: null, interface: 12 } },
    ];
    const legacy = netboxImporter.parse([{ path: 'netbox-2.8.json', text: JSON.stringify(fixture) }]);
    expect(legacy.issues).toEqual([]);
    expect(legacy.state.relations).toEqual([
      { type: 'part_of', from: 'network_interface/app1/eth0', to: 'virtual_machine/app1' },
      { type: 'part_of', from: 'ip_address/192.0.2.9/24', to: 'network_interface/app1/eth0' },
    ]);
  });
});

describe('netbox importer on REST objects without a url', () => {
  const devices = [
    { id: 1, name: 'sw1', site: { id: 2, name: 'AMS1' }, device_type: { id: 3, model: 'EX4300' } },
    { id: 2, name: 'sw2', site: { id: 2, name: 'AMS1' }, device_type: { id: 3, model: 'EX4300' } },
  ];

  it('takes the model from the file name', () => {
    const result = netboxImporter.parse([{ path: 'exports/dcim-devices.json', text: JSON.stringify(devices) }]);
    expect(result.issues).toEqual([]);
    expect(result.state.cis.map((ci) => `${ci.class}/${ci.name}`)).toEqual([
      'network_device/sw1',
      'network_device/sw2',
    ]);
    expect(result.state.relations).toContainEqual({ type: 'located_in', from: 'network_device/sw1', to: 'site/AMS1' });
  });

  it("takes the model from the page's next or previous link", () => {
    const page = {
      count: 3,
      next: 'https://netbox.example/api/ipam/ip-addresses/?limit=2&offset=2',
      results: [{ id: 4, address: '10.0.0.4/24' }],
    };
    const result = netboxImporter.parse([{ path: 'page1.json', text: JSON.stringify(page) }]);
    expect(result.state.cis).toEqual([
      { class: 'ip_address', name: '10.0.0.4/24', attributes: { netbox_id: 4, address: '10.0.0.4/24' } },
    ]);
  });

  it('says how to name the list when nothing does', () => {
    const result = netboxImporter.parse([{ path: 'export.json', text: JSON.stringify(devices) }]);
    expect(result.issues[0]).toEqual({
      file: 'export.json',
      location: 'item 1',
      message:
        'a NetBox REST object without a url, in a file whose name does not say which list it is: keep the url in the export, or name the file after its endpoint (dcim-devices.json)',
    });
  });

  it.each([
    ['dcim_device-types_page2.json', 'dcim.devicetype'],
    ['devices.json', 'dcim.device'],
    ['ip_addresses.json', 'ipam.ipaddress'],
    ['virtualization-interfaces.json', 'virtualization.vminterface'],
    ['dcim.interfaces.json', 'dcim.interface'],
    ['virtual-chassis.json', 'dcim.virtualchassis'],
    ['notes.json', undefined],
  ])('reads the list %s as %s', (file, model) => {
    expect(modelOfFileName(file)).toBe(model);
  });
});
