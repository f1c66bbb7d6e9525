import { describe, expect, it } from 'vitest';
import { readSample } from '../../../test/helpers/samples.js';
import type { DesiredState } from '../../core/ci/desired-state.js';
import { netboxImporter } from './netbox.importer.js';
import { modelOfEndpoint } from './netbox-records.js';
import { countBy } from '../../../test/helpers/import-checks.js';

interface Row {
  model: string;
  pk: number;
  fields: {
    [key: string]: unknown;
    name?: string | null;
    role: number;
    site: number;
    device_type: number;
    cable: number;
    cable_end: string;
    termination_type: [string, string];
    termination_id: number;
    circuit: number;
    cid: string;
    slug: string;
    model: string;
    status: string;
    prefix: string;
    content_type: [string, string];
    object_id: number;
    tag: number;
  };
}

const text = readSample('netbox-demo', 'netbox-demo-v3.6.json');
const rows = JSON.parse(text) as Row[];
const of = (model: string) => rows.filter((r) => r.model === model);
const refs = (state: DesiredState, type: string, fromClass: string, toClass: string) =>
  state.relations.filter(
    (r) => r.type === type && r.from.startsWith(`${fromClass}/`) && r.to.startsWith(`${toClass}/`),
  );

describe('netbox importer on the NetBox demo data (fixture)', () => {
  const { state, issues } = netboxImporter.parse([{ path: 'netbox-demo-v3.6.json', text }]);
  const roleSlug = new Map(of('dcim.devicerole').map((r) => [r.pk, r.fields.slug]));
  const servers = of('dcim.device').filter((d) => roleSlug.get(d.fields.role) === 'application-server').length;

  it('imports every inventory object once, and nothing else', () => {
    expect(issues).toEqual([]);
    expect(countBy(state.cis, (c) => c.class)).toEqual({
      region: of('dcim.region').length,
      site: of('dcim.site').length,
      location: of('dcim.location').length,
      rack: of('dcim.rack').length,
      manufacturer: of('dcim.manufacturer').length,
      device_type: of('dcim.devicetype').length,
      cluster: of('virtualization.cluster').length,
      network_device: of('dcim.device').length - servers,
      server: servers,
      virtual_machine: of('virtualization.virtualmachine').length,
      network_interface: of('dcim.interface').length + of('virtualization.vminterface').length,
      vrf: of('ipam.vrf').length,
      vlan: of('ipam.vlan').length,
      prefix: of('ipam.prefix').length,
      ip_address: of('ipam.ipaddress').length,
      provider: of('circuits.provider').length,
      circuit: of('circuits.circuit').length,
    });
    expect(servers).toBe(1);
    expect(of('dcim.site')).toHaveLength(24);
    expect(of('dcim.device')).toHaveLength(72);
  });

  it('gives the relationships of the foreign keys', () => {
    const nonNull = (model: string, field: string) => of(model).filter((r) => r.fields[field] !== null).length;
    const devices = (to: string) => [
      ...refs(state, 'located_in', 'network_device', to),
      ...refs(state, 'located_in', 'server', to),
    ];
    expect(devices('site')).toHaveLength(nonNull('dcim.device', 'site'));
    expect(devices('rack')).toHaveLength(nonNull('dcim.device', 'rack'));
    expect(devices('location')).toHaveLength(nonNull('dcim.device', 'location'));
    expect(refs(state, 'located_in', 'site', 'region')).toHaveLength(nonNull('dcim.site', 'region'));
    expect(refs(state, 'located_in', 'region', 'region')).toHaveLength(nonNull('dcim.region', 'parent'));
    expect(refs(state, 'located_in', 'rack', 'site')).toHaveLength(nonNull('dcim.rack', 'site'));
    expect(refs(state, 'located_in', 'rack', 'location')).toHaveLength(nonNull('dcim.rack', 'location'));
    expect(refs(state, 'located_in', 'vlan', 'site')).toHaveLength(nonNull('ipam.vlan', 'site'));
    expect(refs(state, 'runs_on', 'virtual_machine', 'cluster')).toHaveLength(
      nonNull('virtualization.virtualmachine', 'cluster'),
    );
    expect(refs(state, 'provides', 'provider', 'circuit')).toHaveLength(nonNull('circuits.circuit', 'provider'));
    const interfaceParts = state.relations.filter(
      (r) => r.type === 'part_of' && r.from.startsWith('network_interface/'),
    );
    expect(interfaceParts.filter((r) => !r.to.startsWith('network_interface/'))).toHaveLength(
      of('dcim.interface').length + of('virtualization.vminterface').length,
    );
    expect(refs(state, 'member_of', 'network_interface', 'network_interface')).toHaveLength(
      nonNull('dcim.interface', 'lag'),
    );
    expect(refs(state, 'member_of', 'prefix', 'vrf')).toHaveLength(nonNull('ipam.prefix', 'vrf'));
    expect(refs(state, 'part_of', 'prefix', 'vlan')).toHaveLength(nonNull('ipam.prefix', 'vlan'));
  });

  it('connects the ends of every cable', () => {
    const terminations = of('dcim.cabletermination');
    const byCable = new Map<number, Row[]>();
    for (const t of terminations) byCable.set(t.fields.cable, [...(byCable.get(t.fields.cable) ?? []), t]);
    expect(byCable.size).toBe(of('dcim.cable').length);
    const interfaceOnly = [...byCable.values()].filter((ends) =>
      ends.every((e) => e.fields.termination_type.join('.') === 'dcim.interface'),
    );
    const connects = state.relations.filter((r) => r.type === 'connects_to');
    // Every cable here joins two different things, and no two cables join the same pair.
    expect(connects).toHaveLength(of('dcim.cable').length);
    expect(refs(state, 'connects_to', 'network_interface', 'network_interface')).toHaveLength(interfaceOnly.length);
    expect(interfaceOnly).toHaveLength(26);
    const cable1 = byCable.get(1)!;
    const circuitTerm = of('circuits.circuittermination').find(
      (t) => t.pk === cable1.find((e) => e.fields.cable_end === 'A')!.fields.termination_id,
    )!;
    const circuit = of('circuits.circuit').find((c) => c.pk === circuitTerm.fields.circuit)!;
    expect(connects.find((r) => r.attributes?.cable === '#1')?.from).toBe(`circuit/${circuit.fields.cid}`);
  });

  it('names unnamed and same-named devices deterministically', () => {
    const deviceTypes = new Map(of('dcim.devicetype').map((t) => [t.pk, t.fields.model]));
    const siteNames = new Map(of('dcim.site').map((s) => [s.pk, s.fields.name]));
    const unnamed = of('dcim.device').filter((d) => !d.fields.name);
    expect(unnamed).toHaveLength(22);
    const names = new Set(state.cis.map((c) => `${c.class}/${c.name}`));
    for (const d of unnamed) {
      const cls = roleSlug.get(d.fields.role) === 'application-server' ? 'server' : 'network_device';
      expect(names).toContain(`${cls}/${deviceTypes.get(d.fields.device_type)}-${d.pk}`);
    }
    const mdf = of('dcim.device').filter((d) => d.fields.name === 'PP:MDF');
    expect(mdf).toHaveLength(3);
    for (const d of mdf) expect(names).toContain(`network_device/${siteNames.get(d.fields.site)}/PP:MDF`);
    expect(names).toContain('rack/DM-Akron/Comms closet');
    const again = netboxImporter.parse([{ path: 'again.json', text }]).state;
    expect(again.cis.map((c) => c.name)).toEqual(state.cis.map((c) => c.name));
  });

  it('keeps attributes and maps status', () => {
    const router = state.cis.find((c) => c.name === 'dmi01-akron-rtr01')!;
    expect(router).toMatchObject({
      class: 'network_device',
      status: 'active',
      attributes: {
        netbox_id: 1,
        device_type: 'ISR 1111-8P',
        role: 'Router',
        platform: 'Cisco IOS',
        position: 4,
        face: 'front',
      },
    });
    expect(state.cis.find((c) => c.class === 'vlan' && c.name === 'DM-Akron/Data')?.attributes).toMatchObject({
      vid: 100,
    });
    const container = of('ipam.prefix').find((p) => p.fields.status === 'container')!;
    expect(state.cis.find((c) => c.class === 'prefix' && c.name === container.fields.prefix)).toMatchObject({
      status: 'active',
      attributes: { netbox_status: 'container', prefix: container.fields.prefix },
    });
    const tagged = of('extras.taggeditem').find((t) => t.fields.content_type.join('.') === 'dcim.site')!;
    const site = of('dcim.site').find((s) => s.pk === tagged.fields.object_id)!;
    const tag = of('extras.tag').find((t) => t.pk === tagged.fields.tag)!;
    expect(state.cis.find((c) => c.class === 'site' && c.name === site.fields.name)?.attributes?.tags).toContain(
      tag.fields.slug,
    );
  });

  it('applies class overrides', () => {
    const mapping = {
      classes: { device: 'switch_or_router', vm_interface: 'vnic' },
      deviceRoles: { pdu: 'power_unit' },
    };
    const result = netboxImporter.parse([{ path: 'demo.json', text }], { mapping });
    const classes = countBy(result.state.cis, (c) => c.class);
    const pdus = of('dcim.device').filter((d) => roleSlug.get(d.fields.role) === 'pdu').length;
    expect(classes.power_unit).toBe(pdus);
    expect(classes.switch_or_router).toBe(of('dcim.device').length - pdus - servers);
    expect(classes.vnic).toBe(of('virtualization.vminterface').length);
    expect(result.state.classes?.map((c) => c.name).sort()).toEqual(['power_unit', 'switch_or_router', 'vnic']);
    expect(() => netboxImporter.parse([], { mapping: { classes: { gadget: 'x' } } })).toThrow(
      'Unknown key "gadget" in "classes"',
    );
    expect(() => netboxImporter.parse([], { mapping: { devices: {} } })).toThrow('Unknown key "devices"');
  });
});

const api = 'https://netbox.example.com/api';
const nested = (path: string, id: number, extra: Record<string, unknown>) => ({
  id,
  url: `${api}/${path}/${id}/`,
  display: typeof extra.name === 'string' ? extra.name : String(id),
  ...extra,
});
const site = (id: number, name: string) => nested('dcim/sites', id, { name, slug: name.toLowerCase() });
const device = (id: number, name: string | null) => nested('dcim/devices', id, { name });

const restFiles = [
  {
    path: 'sites.json',
    text: JSON.stringify({
      count: 2,
      next: null,
      previous: null,
      results: [
        {
          ...site(1, 'AMS1'),
          status: { value: 'active', label: 'Active' },
          region: null,
          tags: [{ id: 1, name: 'Core', slug: 'core' }],
        },
        { ...site(2, 'FRA1'), status: { value: 'planned', label: 'Planned' } },
      ],
    }),
  },
  {
    path: 'devices.json',
    text: JSON.stringify({
      count: 4,
      results: [
        {
          ...device(10, 'sw1'),
          site: site(1, 'AMS1'),
          rack: null,
          device_type: nested('dcim/device-types', 3, {
            model: 'EX4300',
            manufacturer: nested('dcim/manufacturers', 1, { name: 'Juniper' }),
          }),
          role: nested('dcim/device-roles', 2, { name: 'Access switch', slug: 'access-switch' }),
          serial: 'XYZ1',
          status: { value: 'active', label: 'Active' },
        },
        {
          ...device(11, 'sw1'),
          site: site(2, 'FRA1'),
          rack: nested('dcim/racks', 7, { name: 'R7' }),
          device_type: nested('dcim/device-types', 3, { model: 'EX4300' }),
          status: { value: 'offline', label: 'Offline' },
        },
        {
          ...device(12, null),
          site: site(1, 'AMS1'),
          device_type: nested('dcim/device-types', 3, { model: 'EX4300' }),
          status: { value: 'active', label: 'Active' },
        },
        { id: 13, name: 'no-url' },
      ],
    }),
  },
  {
    path: 'interfaces.json',
    text: JSON.stringify({
      results: [
        nested('dcim/interfaces', 100, {
          name: 'ge-0/0/0',
          device: device(10, 'sw1'),
          type: { value: '1000base-t', label: '1000BASE-T' },
          mac_address: '00:11:22:33:44:55',
          enabled: true,
        }),
        nested('dcim/interfaces', 101, {
          name: 'ge-0/0/0',
          device: device(11, 'sw1'),
          type: { value: '1000base-t', label: '1000BASE-T' },
          enabled: true,
        }),
      ],
    }),
  },
  {
    path: 'cables.json',
    text: JSON.stringify({
      results: [
        {
          ...nested('dcim/cables', 5, { label: 'C-5' }),
          type: 'cat6',
          a_terminations: [
            {
              object_type: 'dcim.interface',
              object_id: 100,
              object: nested('dcim/interfaces', 100, { name: 'ge-0/0/0', device: device(10, 'sw1') }),
            },
          ],
          b_terminations: [
            {
              object_type: 'dcim.interface',
              object_id: 101,
              object: nested('dcim/interfaces', 101, { name: 'ge-0/0/0', device: device(11, 'sw1') }),
            },
          ],
        },
      ],
    }),
  },
  {
    path: 'ip-addresses.json',
    text: JSON.stringify({
      results: [
        {
          ...nested('ipam/ip-addresses', 50, { address: '10.0.0.1/24' }),
          vrf: null,
          status: { value: 'active', label: 'Active' },
          assigned_object_type: 'dcim.interface',
          assigned_object_id: 100,
          assigned_object: nested('dcim/interfaces', 100, { name: 'ge-0/0/0', device: device(10, 'sw1') }),
        },
      ],
    }),
  },
];

describe('netbox importer on REST API pages', () => {
  const { state, issues, positions } = netboxImporter.parse(restFiles);

  it('recognises endpoints from object urls', () => {
    expect(modelOfEndpoint('dcim', 'device-types')).toBe('dcim.devicetype');
    expect(modelOfEndpoint('ipam', 'ip-addresses')).toBe('ipam.ipaddress');
    expect(modelOfEndpoint('ipam', 'prefixes')).toBe('ipam.prefix');
    expect(modelOfEndpoint('virtualization', 'interfaces')).toBe('virtualization.vminterface');
  });

  it('maps objects with nested references, disambiguating same-named devices by site', () => {
    expect(state.cis.map((c) => `${c.class}/${c.name}`)).toEqual([
      'site/AMS1',
      'site/FRA1',
      'network_device/AMS1/sw1',
      'network_device/FRA1/sw1',
      'network_device/EX4300-12',
      // No url, but the file is the devices list.
      'network_device/no-url',
      'network_interface/AMS1/sw1/ge-0/0/0',
      'network_interface/FRA1/sw1/ge-0/0/0',
      'ip_address/10.0.0.1/24',
    ]);
    expect(state.cis[0]!.attributes).toEqual({ netbox_id: 1, netbox_status: 'active', tags: ['core'], slug: 'ams1' });
    expect(state.cis[3]).toMatchObject({
      status: 'maintenance',
      attributes: { netbox_status: 'offline', device_type: 'EX4300' },
    });
    expect(state.cis[2]!.attributes).toMatchObject({
      serial_number: 'XYZ1',
      role: 'Access switch',
      device_type: 'EX4300',
    });
    expect(state.relations).toEqual(
      expect.arrayContaining([
        { type: 'located_in', from: 'network_device/AMS1/sw1', to: 'site/AMS1' },
        { type: 'part_of', from: 'network_interface/AMS1/sw1/ge-0/0/0', to: 'network_device/AMS1/sw1' },
        { type: 'part_of', from: 'ip_address/10.0.0.1/24', to: 'network_interface/AMS1/sw1/ge-0/0/0' },
        {
          type: 'connects_to',
          from: 'network_interface/AMS1/sw1/ge-0/0/0',
          to: 'network_interface/FRA1/sw1/ge-0/0/0',
          attributes: { cable: 'C-5', cable_type: 'cat6' },
        },
      ]),
    );
  });

  it('reports objects it cannot read, and keeps references to objects not in the input', () => {
    expect(issues).toEqual([]);
    const unnamed = netboxImporter.parse([{ path: 'export.json', text: JSON.stringify([{ id: 1 }, { name: 'x' }]) }]);
    expect(unnamed.issues.map((i) => `${i.location}: ${i.message}`)).toEqual([
      expect.stringContaining('item 1: a NetBox REST object without a url'),
      'item 2: not a NetBox REST object: it has no numeric id',
    ]);
    const rack = state.relations.findIndex((r) => r.to === 'rack/R7');
    expect(state.relations[rack]).toEqual({ type: 'located_in', from: 'network_device/FRA1/sw1', to: 'rack/R7' });
    expect(positions?.relations[rack]).toEqual({ file: 'devices.json', location: 'results[1] (dcim.device 11)' });
  });

  it('reports files that are not NetBox JSON', () => {
    const result = netboxImporter.parse([
      { path: 'x.json', text: '{"oops": ' },
      { path: 'y.json', text: '42' },
    ]);
    expect(result.issues.map((i) => i.file)).toEqual(['x.json', 'y.json']);
    expect(result.issues[0]!.message).toMatch(/^invalid JSON/);
  });
});
