import { isRecord } from '../common/infra-json.js';
import { asArray, asRecord, asText } from '../common/plain-json.js';
import type { ImportFile, ImportIssue } from '../importer.types.js';
import { eachJsonValue, factsImporter } from './facts-importer.js';
import { notFactsMessage } from './facts-kind.js';
import {
  cidr,
  count,
  macAddress,
  realText,
  sizeTextToMb,
  textList,
  type NodeFacts,
  type NodeInterface,
  type ReadNode,
} from './node-facts.js';

/**
 * Chef nodes → hosts with their OS, hardware, interfaces and mounts. See docs/importers/chef.md.
 * Reads `knife node show NODE -l -F json` (a `Chef::Node` with its Ohai data under
 * `automatic`), `knife search node QUERY -l -F json` (`{"rows": [nodes]}`), and Ohai's own JSON
 * (`ohai` prints the automatic attributes alone).
 */
export const chefNodeImporter = factsImporter({
  format: 'chef',
  description: 'Chef nodes: knife node show -l -F json, knife search node, or ohai output',
  read: readChef,
});

function readChef(files: ImportFile[], issues: ImportIssue[]): ReadNode[] {
  const nodes: ReadNode[] = [];
  for (const file of files) {
    eachJsonValue(file, 'chef', issues, (value, line) => {
      const origin = { file: file.path, location: `line ${line}` };
      const rows = isRecord(value) && Array.isArray(value['rows']) ? (value['rows'] as unknown[]) : [value];
      rows.forEach((row, i) => {
        const at =
          rows.length > 1 || row !== value ? { ...origin, location: `${origin.location}, rows[${i}]` } : origin;
        const node = readNode(row);
        if (node === undefined) issues.push({ ...at, message: notFactsMessage('chef', row) });
        else nodes.push({ ...node, origin: at });
      });
    });
  }
  return nodes;
}

/** A Chef node or Ohai's output, or undefined when the value is neither. */
function readNode(value: unknown): Omit<ReadNode, 'origin'> | undefined {
  if (!isRecord(value)) return undefined;
  const automatic = asRecord(value['automatic']);
  if (automatic) {
    const facts = readOhai(automatic);
    const extra: Record<string, unknown> = {};
    const environment = asText(value['chef_environment']);
    if (environment !== undefined) extra['chef_environment'] = environment;
    // The run list's order is the order Chef applies it in: kept as it is.
    const runList = asArray(value['run_list'])
      .map(asText)
      .filter((item) => item !== undefined);
    if (runList.length > 0) extra['run_list'] = runList;
    if (Object.keys(extra).length > 0) facts.extra = extra;
    const name = asText(value['name']);
    return name === undefined ? { facts } : { facts, toolName: name };
  }
  // Ohai alone: the keys every Ohai run writes.
  if (!('platform_family' in value) || !isRecord(value['kernel'])) return undefined;
  return { facts: readOhai(value) };
}

/** Pseudo file systems Ohai lists beside the real ones; only mounts of devices are kept. */
function isDeviceMount(device: string | undefined, type: string | undefined): boolean {
  if (device === undefined) return false;
  return (
    device.startsWith('/dev/') ||
    /^(nfs4?|cifs|smb3|glusterfs|cephfs|lustre)$/.test(type ?? '') ||
    device.includes(':/')
  );
}

function readInterfaces(ohai: Record<string, unknown>): NodeInterface[] {
  const interfaces = asRecord(asRecord(ohai['network'])?.['interfaces']) ?? {};
  return Object.entries(interfaces)
    .map(([name, value]) => {
      const item = asRecord(value) ?? {};
      const ipv4: string[] = [];
      const ipv6: string[] = [];
      let mac: string | undefined;
      for (const [address, info] of Object.entries(asRecord(item['addresses']) ?? {})) {
        const family = asText(asRecord(info)?.['family']);
        const prefix = asRecord(info)?.['prefixlen'];
        if (family === 'inet') ipv4.push(cidr(address, prefix)!);
        else if (family === 'inet6') ipv6.push(cidr(address, prefix)!);
        else if (family === 'lladdr') mac = macAddress(address);
      }
      const nic: NodeInterface = { name, ipv4: textList(ipv4), ipv6: textList(ipv6) };
      if (mac !== undefined) nic.mac_address = mac;
      const mtu = count(item['mtu']);
      if (mtu !== undefined) nic.mtu = mtu;
      return nic;
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

function readOhai(ohai: Record<string, unknown>): NodeFacts {
  const mounts = asRecord(asRecord(ohai['filesystem'])?.['by_mountpoint']) ?? {};
  const out: NodeFacts = {
    interfaces: readInterfaces(ohai),
    filesystems: Object.entries(mounts)
      .map(([mount, value]) => {
        const m = asRecord(value) ?? {};
        const type = asText(m['fs_type']);
        const device = asText(asArray(m['devices'])[0]);
        return { mount, device, filesystem: type, total_mb: sizeTextToMb(`${asText(m['kb_size']) ?? ''}kB`) };
      })
      .filter((m) => isDeviceMount(m.device, m.filesystem)),
  };
  const set = <K extends keyof NodeFacts>(key: K, value: NodeFacts[K] | undefined): void => {
    if (value !== undefined) out[key] = value;
  };
  const virtualization = asRecord(ohai['virtualization']);
  const role = asText(virtualization?.['role']);
  if (role === 'guest' || role === 'host') out.virtual = role === 'guest';
  if (role === 'guest') set('virtualization', realText(virtualization?.['system']));
  set('fqdn', realText(ohai['fqdn']));
  set('hostname', realText(ohai['hostname']));
  set('domain', realText(ohai['domain']));
  const system = asRecord(asRecord(ohai['dmi'])?.['system']);
  set('serial_number', realText(system?.['serial_number']));
  set('uuid', realText(system?.['uuid'])?.toLowerCase());
  set('manufacturer', realText(system?.['manufacturer']));
  set('model', realText(system?.['product_name']));
  const platform = realText(ohai['platform']);
  const version = realText(ohai['platform_version']);
  set('os', platform === undefined ? undefined : [platform, version].filter(Boolean).join(' '));
  set('os_family', realText(ohai['platform_family']));
  set('os_version', version);
  const kernel = asRecord(ohai['kernel']);
  set('os_arch', realText(kernel?.['machine']));
  set('kernel_version', realText(kernel?.['release']));
  const cpu = asRecord(ohai['cpu']);
  set('cpu_count', count(cpu?.['real']));
  set('cpu', count(cpu?.['cores']));
  set('cpu_threads', count(cpu?.['total']));
  set('cpu_model', realText(asRecord(cpu?.['0'])?.['model_name']));
  set('memory_mb', sizeTextToMb(asRecord(ohai['memory'])?.['total']));
  set('default_gateway', realText(asRecord(ohai['network'])?.['default_gateway']));
  return out;
}
