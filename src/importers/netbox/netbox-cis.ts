import { asArray, asNumber, asRecord, asText, compact } from '../common/plain-json.js';
import { choice, contentType, customFields, decimal, restTags } from './netbox-fields.js';
import { modelOfUrl, type NetboxRecord } from './netbox-records.js';

/** A reference from a record to another, as a relationship of `type` (reversed: the other points here). */
export interface Link {
  type: string;
  model: string;
  value: unknown;
  reverse?: boolean;
}

/** What the converters need: the names of records that foreign keys point to. */
export interface ConvertContext {
  nameOfRef(model: string, value: unknown, from: NetboxRecord): string | undefined;
  tagsOf(record: NetboxRecord): string[];
}

interface Converter {
  attributes(record: NetboxRecord, context: ConvertContext): Record<string, unknown>;
  links?(record: NetboxRecord): Link[];
}

const f = (record: NetboxRecord, key: string): unknown => record.fields[key];
const text = (record: NetboxRecord, key: string): string | undefined => asText(record.fields[key]);
const link = (type: string, model: string, value: unknown): Link => ({ type, model, value });
const vlanLinks = (record: NetboxRecord): Link[] => [
  link('member_of', 'ipam.vlan', f(record, 'untagged_vlan')),
  ...asArray(f(record, 'tagged_vlans')).map((vlan) => link('member_of', 'ipam.vlan', vlan)),
];

/** Attributes every imported NetBox object has. */
export function commonAttributes(record: NetboxRecord, context: ConvertContext): Record<string, unknown> {
  const tags = [...context.tagsOf(record), ...restTags(record.fields)].sort();
  return compact({
    netbox_id: record.pk,
    netbox_status: choice(f(record, 'status')),
    description: text(record, 'description'),
    tenant: context.nameOfRef('tenancy.tenant', f(record, 'tenant'), record),
    tags: [...new Set(tags)],
    custom_fields: customFields(record.fields),
  });
}

/** By model: the attributes kept and the references that become relationships. */
export const CONVERTERS: Readonly<Record<string, Converter>> = {
  'dcim.region': {
    attributes: (r) => compact({ slug: text(r, 'slug') }),
    links: (r) => [link('located_in', 'dcim.region', f(r, 'parent'))],
  },
  'dcim.site': {
    attributes: (r, c) =>
      compact({
        slug: text(r, 'slug'),
        facility: text(r, 'facility'),
        time_zone: text(r, 'time_zone'),
        physical_address: text(r, 'physical_address'),
        latitude: decimal(f(r, 'latitude')),
        longitude: decimal(f(r, 'longitude')),
        site_group: c.nameOfRef('dcim.sitegroup', f(r, 'group'), r),
      }),
    links: (r) => [link('located_in', 'dcim.region', f(r, 'region'))],
  },
  'dcim.location': {
    attributes: (r) => compact({ slug: text(r, 'slug') }),
    links: (r) =>
      f(r, 'parent') === null || f(r, 'parent') === undefined
        ? [link('located_in', 'dcim.site', f(r, 'site'))]
        : [link('located_in', 'dcim.location', f(r, 'parent'))],
  },
  'dcim.rack': {
    attributes: (r, c) =>
      compact({
        u_height: asNumber(f(r, 'u_height')),
        width: asNumber(choice(f(r, 'width'))),
        type: choice(f(r, 'type')),
        role: c.nameOfRef('dcim.rackrole', f(r, 'role'), r),
        facility_id: text(r, 'facility_id'),
        serial_number: text(r, 'serial'),
        asset_tag: text(r, 'asset_tag'),
      }),
    links: (r) => [
      link('located_in', 'dcim.site', f(r, 'site')),
      link('located_in', 'dcim.location', f(r, 'location')),
    ],
  },
  'dcim.manufacturer': { attributes: (r) => compact({ slug: text(r, 'slug') }) },
  'dcim.devicetype': {
    attributes: (r, c) =>
      compact({
        manufacturer: c.nameOfRef('dcim.manufacturer', f(r, 'manufacturer'), r),
        model: text(r, 'model'),
        slug: text(r, 'slug'),
        part_number: text(r, 'part_number'),
        u_height: decimal(f(r, 'u_height')),
        is_full_depth: f(r, 'is_full_depth'),
      }),
  },
  'dcim.device': {
    attributes: (r, c) =>
      compact({
        device_type: c.nameOfRef('dcim.devicetype', f(r, 'device_type'), r),
        role: c.nameOfRef('dcim.devicerole', f(r, 'role') ?? f(r, 'device_role'), r),
        platform: c.nameOfRef('dcim.platform', f(r, 'platform'), r),
        serial_number: text(r, 'serial'),
        asset_tag: text(r, 'asset_tag'),
        position: decimal(f(r, 'position')),
        face: choice(f(r, 'face')),
        primary_ip4: c.nameOfRef('ipam.ipaddress', f(r, 'primary_ip4'), r),
        primary_ip6: c.nameOfRef('ipam.ipaddress', f(r, 'primary_ip6'), r),
        virtual_chassis: c.nameOfRef('dcim.virtualchassis', f(r, 'virtual_chassis'), r),
      }),
    links: (r) => [
      link('located_in', 'dcim.rack', f(r, 'rack')),
      link('located_in', 'dcim.location', f(r, 'location')),
      link('located_in', 'dcim.site', f(r, 'site')),
      link('member_of', 'virtualization.cluster', f(r, 'cluster')),
    ],
  },
  'dcim.interface': {
    attributes: (r) =>
      compact({
        type: choice(f(r, 'type')),
        label: text(r, 'label'),
        enabled: f(r, 'enabled'),
        mac_address: text(r, 'mac_address'),
        mtu: asNumber(f(r, 'mtu')),
        speed: asNumber(f(r, 'speed')),
        mode: choice(f(r, 'mode')),
        mgmt_only: f(r, 'mgmt_only') === true ? true : undefined,
      }),
    links: (r) => [
      link('part_of', 'dcim.device', f(r, 'device')),
      // NetBox up to 2.8 kept virtual machine interfaces in this model too.
      link('part_of', 'virtualization.virtualmachine', f(r, 'virtual_machine')),
      link('part_of', 'dcim.interface', f(r, 'parent')),
      link('member_of', 'dcim.interface', f(r, 'lag')),
      ...vlanLinks(r),
    ],
  },
  'virtualization.cluster': {
    attributes: (r, c) =>
      compact({
        cluster_type: c.nameOfRef('virtualization.clustertype', f(r, 'type'), r),
        cluster_group: c.nameOfRef('virtualization.clustergroup', f(r, 'group'), r),
      }),
    links: (r) => [link('located_in', 'dcim.site', f(r, 'site'))],
  },
  'virtualization.virtualmachine': {
    attributes: (r, c) => {
      const vcpus = decimal(f(r, 'vcpus'));
      const memory = asNumber(f(r, 'memory'));
      return compact({
        cpu: vcpus !== undefined && Number.isInteger(vcpus) && vcpus >= 1 ? vcpus : undefined,
        vcpus,
        memory_mb: memory,
        memory_gb: memory === undefined ? undefined : Math.round((memory / 1024) * 100) / 100,
        disk_gb: asNumber(f(r, 'disk')),
        role: c.nameOfRef('dcim.devicerole', f(r, 'role'), r),
        platform: c.nameOfRef('dcim.platform', f(r, 'platform'), r),
        primary_ip4: c.nameOfRef('ipam.ipaddress', f(r, 'primary_ip4'), r),
        primary_ip6: c.nameOfRef('ipam.ipaddress', f(r, 'primary_ip6'), r),
      });
    },
    links: (r) => [
      link('runs_on', 'virtualization.cluster', f(r, 'cluster')),
      link('runs_on', 'dcim.device', f(r, 'device')),
      link('located_in', 'dcim.site', f(r, 'site')),
    ],
  },
  'virtualization.vminterface': {
    attributes: (r) =>
      compact({
        enabled: f(r, 'enabled'),
        mac_address: text(r, 'mac_address'),
        mtu: asNumber(f(r, 'mtu')),
        mode: choice(f(r, 'mode')),
      }),
    links: (r) => [
      link('part_of', 'virtualization.virtualmachine', f(r, 'virtual_machine')),
      link('part_of', 'virtualization.vminterface', f(r, 'parent')),
      ...vlanLinks(r),
    ],
  },
  'ipam.vrf': { attributes: (r) => compact({ rd: text(r, 'rd'), enforce_unique: f(r, 'enforce_unique') }) },
  'ipam.vlan': {
    attributes: (r, c) =>
      compact({
        vid: asNumber(f(r, 'vid')),
        vlan_group: c.nameOfRef('ipam.vlangroup', f(r, 'group'), r),
        role: c.nameOfRef('ipam.role', f(r, 'role'), r),
      }),
    links: (r) => [link('located_in', 'dcim.site', f(r, 'site'))],
  },
  'ipam.prefix': {
    attributes: (r, c) =>
      compact({ prefix: text(r, 'prefix'), is_pool: f(r, 'is_pool'), role: c.nameOfRef('ipam.role', f(r, 'role'), r) }),
    links: (r) => [
      link('located_in', 'dcim.site', f(r, 'site')),
      link('member_of', 'ipam.vrf', f(r, 'vrf')),
      link('part_of', 'ipam.vlan', f(r, 'vlan')),
    ],
  },
  'ipam.ipaddress': {
    attributes: (r) =>
      compact({ address: text(r, 'address'), dns_name: text(r, 'dns_name'), role: choice(f(r, 'role')) }),
    links: (r) => {
      const links = [link('member_of', 'ipam.vrf', f(r, 'vrf'))];
      const assigned = contentType(f(r, 'assigned_object_type'));
      if (assigned !== undefined)
        links.push(link('part_of', assigned, f(r, 'assigned_object') ?? f(r, 'assigned_object_id')));
      // NetBox 2.x (up to 2.8): one interface, as `interface` (a pk or a nested object) or `interface_id`.
      const legacy = f(r, 'interface') ?? f(r, 'interface_id');
      if (assigned === undefined && legacy !== undefined && legacy !== null)
        links.push(link('part_of', modelOfUrl(asRecord(legacy)?.url) ?? 'dcim.interface', legacy));
      return links;
    },
  },
  'circuits.provider': { attributes: (r) => compact({ slug: text(r, 'slug') }) },
  'circuits.circuit': {
    attributes: (r, c) =>
      compact({
        cid: text(r, 'cid'),
        circuit_type: c.nameOfRef('circuits.circuittype', f(r, 'type'), r),
        install_date: text(r, 'install_date'),
        termination_date: text(r, 'termination_date'),
        commit_rate: asNumber(f(r, 'commit_rate')),
      }),
    links: (r) => [{ type: 'provides', model: 'circuits.provider', value: f(r, 'provider'), reverse: true }],
  },
};
