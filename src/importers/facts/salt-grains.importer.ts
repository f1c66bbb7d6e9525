import { isRecord } from '../common/infra-json.js';
import { asArray, asRecord, asText } from '../common/plain-json.js';
import type { ImportFile, ImportIssue } from '../importer.types.js';
import { eachJsonValue, factsImporter } from './facts-importer.js';
import { notFactsMessage } from './facts-kind.js';
import {
  count,
  macAddress,
  realText,
  textList,
  type NodeFacts,
  type NodeInterface,
  type ReadNode,
} from './node-facts.js';

/**
 * Salt grains → hosts with their OS, hardware and interfaces. See docs/importers/salt-grains.md.
 * Reads `salt '*' grains.items --out=json` (one `{"minion-id": {grains}}` object per minion,
 * or one object for all with `--static`), `salt-call grains.items --out=json` (`{"local": …}`)
 * and a minion's grains alone.
 */
export const saltGrainsImporter = factsImporter({
  format: 'salt-grains',
  description: "Salt grains: salt '*' grains.items --out=json, salt-call, or one minion's grains",
  read: readSalt,
});

/** Grains every minion reports; an object with them is one minion's grains. */
function isGrains(value: unknown): value is Record<string, unknown> {
  return isRecord(value) && ('saltversion' in value || ('id' in value && 'kernel' in value && 'os' in value));
}

function readSalt(files: ImportFile[], issues: ImportIssue[]): ReadNode[] {
  const nodes: ReadNode[] = [];
  for (const file of files) {
    eachJsonValue(file, 'salt-grains', issues, (value, line) => {
      const origin = { file: file.path, location: `line ${line}` };
      if (isGrains(value)) {
        nodes.push({ facts: readGrains(value), origin, toolName: asText(value['id']) });
        return;
      }
      const minions = isRecord(value) ? Object.entries(value) : [];
      // Minion id → grains, or → the sentence Salt prints for a minion that did not answer.
      const byMinion = minions.every(([, grains]) => isGrains(grains) || typeof grains === 'string');
      if (minions.length === 0 || !byMinion) {
        issues.push({ ...origin, message: notFactsMessage('salt-grains', value) });
        return;
      }
      for (const [id, grains] of minions) {
        const at = { ...origin, location: `${origin.location}, ${id}` };
        // A minion that did not answer prints a sentence instead of its grains.
        if (!isGrains(grains)) {
          const said = asText(grains);
          issues.push({
            ...at,
            message: `minion ${id} gave no grains${said ? ` ("${said.slice(0, 80)}")` : ''}; left out`,
          });
          continue;
        }
        nodes.push({ facts: readGrains(grains), origin: at, toolName: id === 'local' ? asText(grains['id']) : id });
      }
    });
  }
  return nodes;
}

function readInterfaces(grains: Record<string, unknown>): NodeInterface[] {
  const macs = asRecord(grains['hwaddr_interfaces']) ?? {};
  const ip4 = asRecord(grains['ip4_interfaces']) ?? {};
  const ip6 = asRecord(grains['ip6_interfaces']) ?? {};
  const names = new Set([...Object.keys(macs), ...Object.keys(ip4), ...Object.keys(ip6)]);
  return [...names].sort().map((name) => {
    // Grains give addresses without their prefix length.
    const nic: NodeInterface = { name, ipv4: textList(asArray(ip4[name])), ipv6: textList(asArray(ip6[name])) };
    const mac = macAddress(macs[name]);
    if (mac !== undefined) nic.mac_address = mac;
    return nic;
  });
}

function readGrains(grains: Record<string, unknown>): NodeFacts {
  const out: NodeFacts = { interfaces: readInterfaces(grains), filesystems: [] };
  const set = <K extends keyof NodeFacts>(key: K, value: NodeFacts[K] | undefined): void => {
    if (value !== undefined) out[key] = value;
  };
  const virtual = realText(grains['virtual']);
  if (virtual !== undefined) {
    out.virtual = virtual.toLowerCase() !== 'physical';
    if (out.virtual) out.virtualization = virtual;
  }
  set('fqdn', realText(grains['fqdn']));
  set('hostname', realText(grains['host']));
  set('domain', realText(grains['domain']));
  set('serial_number', realText(grains['serialnumber']));
  set('uuid', realText(grains['uuid'])?.toLowerCase());
  set('manufacturer', realText(grains['manufacturer']));
  set('model', realText(grains['productname']));
  const os = realText(grains['os']);
  const version = realText(grains['osrelease']);
  set('os', os === undefined ? undefined : [os, version].filter(Boolean).join(' '));
  set('os_family', realText(grains['os_family']));
  set('os_version', version);
  set('os_arch', realText(grains['osarch']) ?? realText(grains['cpuarch']));
  set('kernel_version', realText(grains['kernelrelease']));
  set('cpu_threads', count(grains['num_cpus']));
  set('cpu_model', realText(grains['cpu_model']));
  set('memory_mb', count(grains['mem_total']));
  set('default_gateway', realText(grains['ip4_gw']));
  const dns = textList(asArray(asRecord(grains['dns'])?.['nameservers']));
  if (dns.length > 0) out.dns = dns;
  return out;
}
