import { asText } from '../common/plain-json.js';
import type { NetboxIndex, NetboxRecord } from './netbox-records.js';

/**
 * CI names for NetBox objects: natural names (a site's name, an interface `device/eth0`, a
 * prefix `10.0.0.0/16`), made unique deterministically. NetBox keeps many names unique only
 * within a scope (devices and racks per site, VLANs per site or group, IPs per VRF), so a name
 * used more than once is prefixed by its scope (`DM-Akron/Comms closet`); what is still
 * ambiguous gets ` #<pk>`. Unnamed devices are called `<device type>-<pk>`.
 */

interface NameRule {
  base(record: NetboxRecord, names: NetboxNames): string | undefined;
  scope?(record: NetboxRecord, names: NetboxNames): string | undefined;
}

const byName: NameRule['base'] = (record) => asText(record.fields.name) ?? asText(record.fields.display);
const scopedBy =
  (field: string, model: string): NonNullable<NameRule['scope']> =>
  (record, names) =>
    names.nameOfRef(model, record.fields[field], record);
const componentOf =
  (field: string, model: string): NameRule['base'] =>
  (record, names) => {
    const parent = names.nameOfRef(model, record.fields[field], record);
    const name = asText(record.fields.name);
    return parent === undefined || name === undefined ? undefined : `${parent}/${name}`;
  };

const RULES: Readonly<Record<string, NameRule>> = {
  'dcim.region': {
    base: byName,
    scope: (record, names) => names.nameOfRef('dcim.region', record.fields.parent, record, true),
  },
  'dcim.location': { base: byName, scope: scopedBy('site', 'dcim.site') },
  'dcim.rack': { base: byName, scope: scopedBy('site', 'dcim.site') },
  'dcim.devicetype': { base: (record) => asText(record.fields.model) ?? asText(record.fields.display) },
  'dcim.device': {
    base: (record, names) =>
      asText(record.fields.name) ??
      `${names.nameOfRef('dcim.devicetype', record.fields.device_type, record) ?? 'device'}-${record.pk}`,
    scope: scopedBy('site', 'dcim.site'),
  },
  'dcim.interface': {
    // NetBox up to 2.8 kept virtual machine interfaces here, with `virtual_machine` instead of `device`.
    base: (record, names) =>
      record.fields.device === null || record.fields.device === undefined
        ? componentOf('virtual_machine', 'virtualization.virtualmachine')(record, names)
        : componentOf('device', 'dcim.device')(record, names),
  },
  'virtualization.vminterface': { base: componentOf('virtual_machine', 'virtualization.virtualmachine') },
  'virtualization.cluster': { base: byName, scope: scopedBy('site', 'dcim.site') },
  'virtualization.virtualmachine': { base: byName, scope: scopedBy('cluster', 'virtualization.cluster') },
  'ipam.vlan': {
    base: byName,
    scope: (record, names) =>
      names.nameOfRef('dcim.site', record.fields.site, record) ??
      names.nameOfRef('ipam.vlangroup', record.fields.group, record),
  },
  'ipam.prefix': { base: (record) => asText(record.fields.prefix), scope: scopedBy('vrf', 'ipam.vrf') },
  'ipam.ipaddress': { base: (record) => asText(record.fields.address), scope: scopedBy('vrf', 'ipam.vrf') },
  'circuits.circuit': { base: (record) => asText(record.fields.cid), scope: scopedBy('provider', 'circuits.provider') },
};

export class NetboxNames {
  private readonly final = new Map<NetboxRecord, string>();
  private readonly taken = new Set<string>();

  constructor(
    private readonly index: NetboxIndex,
    private readonly classOf: (record: NetboxRecord) => string,
  ) {}

  /** Names every record of `model`; call in dependency order (sites before devices before interfaces). */
  assign(model: string): void {
    const records = this.index.all(model);
    const rule = RULES[model];
    const named = records
      .map((record) => ({ record, name: this.baseName(record) }))
      .filter((item): item is { record: NetboxRecord; name: string } => item.name !== undefined);
    const once = (items: typeof named) => {
      const counts = new Map<string, number>();
      for (const { name } of items) counts.set(name, (counts.get(name) ?? 0) + 1);
      return (name: string) => counts.get(name) === 1;
    };
    const unique = once(named);
    const scoped = named.map(({ record, name }) => {
      const scope = unique(name) ? undefined : rule?.scope?.(record, this);
      return { record, name: scope === undefined ? name : `${scope}/${name}` };
    });
    const stillUnique = once(scoped);
    for (const { record, name } of scoped) {
      let final = stillUnique(name) ? name : `${name} #${record.pk}`;
      // Two models may share a class (device and VM interfaces): the later one gives way.
      if (this.taken.has(`${this.classOf(record)}/${final}`)) final = `${final} #${record.pk}`;
      this.taken.add(`${this.classOf(record)}/${final}`);
      this.final.set(record, final);
    }
  }

  /** The name of a record: its assigned name, or (stubs, records not yet named) its natural name. */
  nameOf(record: NetboxRecord): string | undefined {
    return this.final.get(record) ?? this.baseName(record);
  }

  /** The name of the record a foreign key points to; `base` asks for its natural name only. */
  nameOfRef(model: string, value: unknown, from: NetboxRecord, base = false): string | undefined {
    const record = this.index.get(model, value, from);
    if (record === undefined) return undefined;
    return base ? this.baseName(record) : this.nameOf(record);
  }

  private baseName(record: NetboxRecord): string | undefined {
    return (RULES[record.model]?.base ?? byName)(record, this);
  }
}
