import { checkClassName, checkMappingKeys, mappingObject, resolveClassMap } from '../common/mapping-checks.js';

/** The NetBox models imported as CIs, by the kind name used in the mapping file. */
export const NETBOX_KINDS = {
  region: 'dcim.region',
  site: 'dcim.site',
  location: 'dcim.location',
  rack: 'dcim.rack',
  manufacturer: 'dcim.manufacturer',
  device_type: 'dcim.devicetype',
  device: 'dcim.device',
  interface: 'dcim.interface',
  cluster: 'virtualization.cluster',
  virtual_machine: 'virtualization.virtualmachine',
  vm_interface: 'virtualization.vminterface',
  vrf: 'ipam.vrf',
  vlan: 'ipam.vlan',
  prefix: 'ipam.prefix',
  ip_address: 'ipam.ipaddress',
  provider: 'circuits.provider',
  circuit: 'circuits.circuit',
} as const;

export type NetboxKind = keyof typeof NETBOX_KINDS;

export const DEFAULT_NETBOX_CLASSES: Readonly<Record<NetboxKind, string>> = {
  region: 'region',
  site: 'site',
  location: 'location',
  rack: 'rack',
  manufacturer: 'manufacturer',
  device_type: 'device_type',
  device: 'network_device',
  interface: 'network_interface',
  cluster: 'cluster',
  virtual_machine: 'virtual_machine',
  vm_interface: 'network_interface',
  vrf: 'vrf',
  vlan: 'vlan',
  prefix: 'prefix',
  ip_address: 'ip_address',
  provider: 'provider',
  circuit: 'circuit',
};

/** Device roles (by slug) whose devices are not network devices. */
export const DEFAULT_DEVICE_ROLE_CLASSES: Readonly<Record<string, string>> = {
  server: 'server',
  'application-server': 'server',
};

export interface NetboxMapping {
  /** Class by model (`dcim.device` → `network_device`). */
  classByModel: Map<string, string>;
  /** Class of a device by its role's slug, before the `device` class. */
  deviceRoles: Record<string, string>;
}

export function resolveNetboxMapping(mapping: Record<string, unknown> | undefined): NetboxMapping {
  if (mapping !== undefined) checkMappingKeys('netbox', 'the top level', mapping, ['classes', 'deviceRoles']);
  const classes = resolveClassMap('netbox', DEFAULT_NETBOX_CLASSES, mapping?.classes);
  const classByModel = new Map<string, string>();
  for (const [kind, model] of Object.entries(NETBOX_KINDS)) classByModel.set(model, classes[kind as NetboxKind]);
  const deviceRoles: Record<string, string> = { ...DEFAULT_DEVICE_ROLE_CLASSES };
  if (mapping?.deviceRoles !== undefined) {
    for (const [slug, name] of Object.entries(mappingObject('netbox', '"deviceRoles"', mapping.deviceRoles))) {
      deviceRoles[slug] = checkClassName('netbox', `device role "${slug}"`, name);
    }
  }
  return { classByModel, deviceRoles };
}
