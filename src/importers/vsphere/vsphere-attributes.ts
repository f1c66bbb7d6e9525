import { toJsonValue, type JsonValue } from '../common/infra-json.js';
import { asArray, asNumber, asRecord, asText, compact } from '../common/plain-json.js';
import { bytesToMb, count, macAddress, realText } from '../facts/node-facts.js';
import { moRef, type MoRef, type VsphereObject } from './govc-objects.js';

/**
 * The attributes of each kind of vSphere object, from its configuration only: never its power
 * state, the host DRS placed it on this minute, free space, statistics or what VMware Tools
 * report of the running guest, all of which change without anyone changing the configuration.
 */

type Attributes = Record<string, JsonValue>;

const rec = (value: unknown): Record<string, unknown> => asRecord(value) ?? {};
const gb = (mb: number | undefined): number | undefined =>
  mb === undefined ? undefined : Math.round((mb / 1024) * 100) / 100;
const attributes = (values: Record<string, unknown>): Attributes => toJsonValue(compact(values)) as Attributes;

/** `/DC0/vm/web-01` → `DC0`. */
export function datacenterOf(object: VsphereObject): string | undefined {
  return object.path?.startsWith('/') ? object.path.split('/')[1] || undefined : undefined;
}

/** The object's name: its `name` property, else the one its configuration or summary carries. */
export function objectName(object: VsphereObject): string | undefined {
  const p = object.props;
  return asText(p['name']) ?? asText(rec(p['config'])['name']) ?? asText(rec(rec(p['summary'])['config'])['name']);
}

/** `[LocalDS_0] vm/disk1.vmdk` → `LocalDS_0`: the datastore a file is on. */
export function datastoreOfFile(file: string | undefined): string | undefined {
  return /^\[([^\]]+)\]/.exec(file ?? '')?.[1];
}

/** A VM's devices; govc's JSON names no device type, so disks and NICs are told by their fields. */
function devices(vm: VsphereObject): Record<string, unknown>[] {
  return asArray(rec(rec(vm.props['config'])['hardware'])['device']).map(rec);
}

export interface VmNic {
  mac: string;
  label?: string;
  /** The standard port group named by the backing, or the distributed one it references. */
  networkName?: string;
  portgroup?: MoRef;
  attributes: Attributes;
}

export function vmNics(vm: VsphereObject): VmNic[] {
  return devices(vm).flatMap((device) => {
    const mac = macAddress(device['macAddress']);
    if (mac === undefined) return [];
    const backing = rec(device['backing']);
    const port = rec(backing['port']);
    const portgroupKey = asText(port['portgroupKey']);
    const networkName = asText(backing['deviceName']);
    const label = asText(rec(device['deviceInfo'])['label']);
    return [
      {
        mac,
        ...(label ? { label } : {}),
        ...(networkName ? { networkName } : {}),
        ...(portgroupKey ? { portgroup: { type: 'DistributedVirtualPortgroup', value: portgroupKey } } : {}),
        attributes: attributes({
          mac_address: mac,
          label,
          address_type: asText(device['addressType']),
          start_connected: asRecord(device['connectable'])?.['startConnected'],
        }),
      },
    ];
  });
}

function vmDisks(vm: VsphereObject): Record<string, unknown>[] {
  return devices(vm)
    .filter((device) => 'capacityInKB' in device || 'capacityInBytes' in device)
    .map((device) => {
      const backing = rec(device['backing']);
      const bytes = asNumber(device['capacityInBytes']);
      const kb = asNumber(device['capacityInKB']);
      const mb =
        bytes !== undefined && bytes > 0 ? bytesToMb(bytes) : kb === undefined ? undefined : Math.round(kb / 1024);
      return compact({
        label: asText(rec(device['deviceInfo'])['label']),
        capacity_mb: mb,
        file: asText(backing['fileName']),
        mode: asText(backing['diskMode']),
        thin: backing['thinProvisioned'] === true ? true : undefined,
      });
    });
}

/** The datastores a VM's disks and files are on, by name. */
export function vmDatastoreNames(vm: VsphereObject): string[] {
  const config = rec(vm.props['config']);
  const files = [asText(rec(config['files'])['vmPathName']), ...vmDisks(vm).map((d) => asText(d['file']))];
  return [...new Set(files.map(datastoreOfFile).filter((name) => name !== undefined))].sort();
}

export function vmAttributes(vm: VsphereObject): Attributes {
  const config = rec(vm.props['config']);
  const hardware = rec(config['hardware']);
  const summary = rec(rec(vm.props['summary'])['config']);
  const memory = count(hardware['memoryMB']) ?? count(summary['memorySizeMB']);
  return attributes({
    uuid: realText(config['uuid'] ?? summary['uuid'])?.toLowerCase(),
    instance_uuid: realText(config['instanceUuid'] ?? summary['instanceUuid'])?.toLowerCase(),
    hypervisor: 'vmware',
    cpu: count(hardware['numCPU']) ?? count(summary['numCpu']),
    cores_per_socket: count(hardware['numCoresPerSocket']),
    memory_mb: memory,
    memory_gb: gb(memory),
    guest_os: realText(config['guestFullName'] ?? summary['guestFullName']),
    guest_id: realText(config['guestId'] ?? summary['guestId']),
    hardware_version: realText(config['version']),
    firmware: realText(config['firmware']),
    template: config['template'] === true || summary['template'] === true ? true : undefined,
    description: asText(config['annotation'] ?? summary['annotation']),
    vm_path: asText(rec(config['files'])['vmPathName'] ?? summary['vmPathName']),
    datacenter: datacenterOf(vm),
    disks: vmDisks(vm),
  });
}

/** The serial number ESXi reports: its own field since 6.7, else a tag among the identifying values. */
function hostSerial(hardware: Record<string, unknown>, systemInfo: Record<string, unknown>): string | undefined {
  const tagged = [...asArray(hardware['otherIdentifyingInfo']), ...asArray(systemInfo['otherIdentifyingInfo'])]
    .map(rec)
    .find((info) =>
      /^(SerialNumberTag|EnclosureSerialNumberTag|ServiceTag)$/.test(asText(rec(info['identifierType'])['key']) ?? ''),
    );
  return realText(systemInfo['serialNumber']) ?? realText(tagged?.['identifierValue']);
}

export function hostAttributes(host: VsphereObject): Attributes {
  const summary = rec(host.props['summary']);
  const hardware = { ...rec(rec(host.props['hardware'])['systemInfo']), ...rec(summary['hardware']) };
  const systemInfo = rec(rec(host.props['hardware'])['systemInfo']);
  const product = { ...rec(rec(host.props['config'])['product']), ...rec(rec(summary['config'])['product']) };
  const memory = bytesToMb(hardware['memorySize'] ?? rec(host.props['hardware'])['memorySize']);
  const name = realText(product['name']);
  const version = realText(product['version']);
  return attributes({
    uuid: realText(hardware['uuid'])?.toLowerCase(),
    serial_number: hostSerial(hardware, systemInfo),
    manufacturer: realText(hardware['vendor']),
    model: realText(hardware['model']),
    cpu_count: count(hardware['numCpuPkgs']),
    cpu: count(hardware['numCpuCores']),
    cpu_threads: count(hardware['numCpuThreads']),
    cpu_model: realText(hardware['cpuModel']),
    memory_mb: memory === 0 ? undefined : memory,
    memory_gb: memory === 0 ? undefined : gb(memory),
    hypervisor: realText(product['fullName']),
    os: name === undefined ? undefined : [name, version].filter(Boolean).join(' '),
    os_version: version,
    os_build: realText(product['build']),
    datacenter: datacenterOf(host),
  });
}

export function clusterAttributes(cluster: VsphereObject): Attributes {
  const config = rec(cluster.props['configurationEx'] ?? cluster.props['configuration']);
  const drs = rec(config['drsConfig']);
  const das = rec(config['dasConfig']);
  return attributes({
    drs_enabled: typeof drs['enabled'] === 'boolean' ? drs['enabled'] : undefined,
    drs_behavior: realText(drs['defaultVmBehavior']),
    ha_enabled: typeof das['enabled'] === 'boolean' ? das['enabled'] : undefined,
    datacenter: datacenterOf(cluster),
  });
}

export function datastoreAttributes(datastore: VsphereObject): Attributes {
  const summary = rec(datastore.props['summary']);
  const capacity = bytesToMb(summary['capacity']);
  return attributes({
    type: realText(summary['type']),
    capacity_gb: capacity === undefined || capacity === 0 ? undefined : Math.round(capacity / 1024),
    url: asText(summary['url']),
    datacenter: datacenterOf(datastore),
  });
}

/** A port group's VLAN: one id (0 is none), or the ranges of a trunk. */
function vlanOf(portgroup: VsphereObject): Record<string, unknown> {
  const vlan = rec(rec(rec(portgroup.props['config'])['defaultPortConfig'])['vlan']);
  const id = asNumber(vlan['vlanId']);
  if (id !== undefined) return { vlan: id > 0 ? id : undefined };
  const ranges = asArray(vlan['vlanId'])
    .map(rec)
    .map((r) => (r['start'] === r['end'] ? `${asText(r['start'])}` : `${asText(r['start'])}-${asText(r['end'])}`));
  return { vlan_trunk: ranges };
}

export function networkAttributes(network: VsphereObject, switchName: string | undefined): Attributes {
  const distributed = network.ref.type === 'DistributedVirtualPortgroup';
  return attributes({
    kind: distributed
      ? 'distributed port group'
      : network.ref.type === 'OpaqueNetwork'
        ? 'opaque network'
        : 'port group',
    switch: switchName,
    ...(distributed ? vlanOf(network) : {}),
    datacenter: datacenterOf(network),
  });
}

/** The distributed switch of a distributed port group. */
export function switchOf(portgroup: VsphereObject): MoRef | undefined {
  return moRef(rec(portgroup.props['config'])['distributedVirtualSwitch']);
}
