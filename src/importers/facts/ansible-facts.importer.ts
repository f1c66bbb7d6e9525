import { basename } from 'node:path';
import { isRecord } from '../common/infra-json.js';
import { asArray, asRecord, asText } from '../common/plain-json.js';
import type { ImportFile, ImportIssue } from '../importer.types.js';
import { eachJsonValue, factsImporter } from './facts-importer.js';
import { notFactsMessage } from './facts-kind.js';
import {
  bytesToMb,
  cidr,
  count,
  macAddress,
  realText,
  textList,
  type NodeFacts,
  type NodeInterface,
  type ReadNode,
} from './node-facts.js';

/**
 * Ansible facts → hosts with their OS, hardware, interfaces and mounts. See
 * docs/importers/ansible-facts.md. Reads the `setup` module's JSON (`{"ansible_facts": …}`), a
 * fact cache file (the `jsonfile` cache plugin: the facts at the top level, the file named by
 * the inventory host), `ansible -m setup --tree DIR` files, and the `host | SUCCESS => {…}`
 * lines `ansible all -m setup` prints.
 */
export const ansibleFactsImporter = factsImporter({
  format: 'ansible-facts',
  description: 'Ansible facts: setup module JSON, a fact cache or --tree files; hosts, OS, interfaces, mounts',
  read: readAnsibleFacts,
});

/** `web01 | SUCCESS => {` — the ad-hoc command's header before each host's JSON. */
const AD_HOC = /^(\S+) \| (SUCCESS|CHANGED|UNREACHABLE!|FAILED!) => (?=\{)/gm;

function readAnsibleFacts(files: ImportFile[], issues: ImportIssue[]): ReadNode[] {
  const nodes: ReadNode[] = [];
  for (const file of files) {
    for (const part of splitAdHoc(file)) {
      if (part.failed) {
        issues.push({
          file: file.path,
          location: `line ${part.lineOffset + 1}`,
          message: `${part.host} gave no facts (${part.failed.replace('!', '').toLowerCase()} when they were gathered); left out`,
        });
        continue;
      }
      eachJsonValue(part.file, 'ansible-facts', issues, (value, line) => {
        const origin = { file: file.path, location: `line ${line + part.lineOffset}` };
        const facts = factsOf(value);
        if (facts === undefined) issues.push({ ...origin, message: notFactsMessage('ansible-facts', value) });
        else nodes.push({ facts: readFacts(facts), origin, toolName: part.host });
      });
    }
  }
  return nodes;
}

/** The parts of a file: one per ad-hoc header when it has them, else the whole file named after itself. */
function splitAdHoc(file: ImportFile): { file: ImportFile; host: string; lineOffset: number; failed?: string }[] {
  const headers = [...file.text.matchAll(AD_HOC)];
  const stem = basename(file.path).replace(/\.json$/i, '');
  if (headers.length === 0) return [{ file, host: stem, lineOffset: 0 }];
  return headers.map((header, i) => {
    const start = (header.index ?? 0) + header[0].length;
    const end = headers[i + 1]?.index ?? file.text.length;
    const lineOffset = file.text.slice(0, start).split('\n').length - 1;
    const part = { file: { path: file.path, text: file.text.slice(start, end) }, host: header[1] ?? stem, lineOffset };
    const status = header[2] ?? '';
    return status.endsWith('!') ? { ...part, failed: status } : part;
  });
}

/** The facts of a setup result or of a fact cache file, or undefined when the value is neither. */
function factsOf(value: unknown): Record<string, unknown> | undefined {
  if (!isRecord(value)) return undefined;
  const wrapped = asRecord(value['ansible_facts']);
  if (wrapped) return wrapped;
  return Object.keys(value).some((key) => key.startsWith('ansible_')) ? value : undefined;
}

/** Ansible names an interface's fact `ansible_` + its name with `-`, `.` and `:` as `_`. */
function interfaceFact(facts: Record<string, unknown>, name: string): Record<string, unknown> | undefined {
  return asRecord(facts[`ansible_${name.replace(/[-.:]/g, '_')}`]);
}

function readInterfaces(facts: Record<string, unknown>): NodeInterface[] {
  const out: NodeInterface[] = [];
  for (const entry of asArray(facts['ansible_interfaces'])) {
    // Windows hosts list objects; the others list names, each with its own fact.
    const windows = asRecord(entry);
    const name = asText(entry) ?? asText(windows?.['connection_name']) ?? asText(windows?.['interface_name']);
    if (name === undefined) continue;
    const fact = windows ?? interfaceFact(facts, name) ?? {};
    const ipv4 = [asRecord(fact['ipv4']), ...asArray(fact['ipv4_secondaries']).map(asRecord)]
      .map((ip) => cidr(ip?.['address'], ip?.['netmask']))
      .filter((ip) => ip !== undefined);
    const ipv6 = asArray(fact['ipv6'])
      .map(asRecord)
      .map((ip) => cidr(ip?.['address'], ip?.['prefix']));
    const nic: NodeInterface = { name, ipv4: textList(ipv4), ipv6: textList(ipv6) };
    const mac = macAddress(fact['macaddress']);
    if (mac !== undefined) nic.mac_address = mac;
    const mtu = count(fact['mtu']);
    if (mtu !== undefined) nic.mtu = mtu;
    out.push(nic);
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/** `ansible_processor` lists index, vendor and model for each thread: the first model is kept. */
function cpuModel(processor: unknown): string | undefined {
  const items = asArray(processor).map((p) => asText(p));
  return items.find((p, i) => p !== undefined && i % 3 === 2) ?? items.find((p) => p !== undefined && !/^\d+$/.test(p));
}

function readFacts(facts: Record<string, unknown>): NodeFacts {
  const f = (key: string): unknown => facts[`ansible_${key}`];
  const role = asText(f('virtualization_role'));
  const sockets = count(f('processor_count'));
  const cores = count(f('processor_cores'));
  const distribution = realText(f('distribution'));
  const version = realText(f('distribution_version'));
  const node: NodeFacts = {
    interfaces: readInterfaces(facts),
    filesystems: asArray(f('mounts'))
      .map(asRecord)
      .filter((m) => m !== undefined && asText(m['mount']) !== undefined)
      .map((m) => ({
        mount: asText(m!['mount'])!,
        device: asText(m!['device']),
        filesystem: asText(m!['fstype']),
        total_mb: bytesToMb(m!['size_total']),
      })),
  };
  const set = <K extends keyof NodeFacts>(key: K, value: NodeFacts[K] | undefined): void => {
    if (value !== undefined) node[key] = value;
  };
  set('fqdn', realText(f('fqdn')));
  set('hostname', realText(f('hostname')));
  set('domain', realText(f('domain')));
  if (role === 'guest' || role === 'host') node.virtual = role === 'guest';
  if (role === 'guest') set('virtualization', realText(f('virtualization_type')));
  set('serial_number', realText(f('product_serial')));
  set('uuid', realText(f('product_uuid'))?.toLowerCase());
  set('manufacturer', realText(f('system_vendor')));
  set('model', realText(f('product_name')));
  set('os', distribution === undefined ? undefined : [distribution, version].filter(Boolean).join(' '));
  set('os_family', realText(f('os_family')));
  set('os_version', version);
  set('os_arch', realText(f('architecture')));
  set('kernel_version', realText(f('kernel')));
  set('cpu_count', sockets);
  set('cpu', sockets !== undefined && cores !== undefined ? sockets * cores : cores);
  set('cpu_threads', count(f('processor_vcpus')));
  set('cpu_model', cpuModel(f('processor')));
  set('memory_mb', count(f('memtotal_mb')));
  set('default_gateway', realText(asRecord(f('default_ipv4'))?.['gateway']));
  const dns = textList(asArray(asRecord(f('dns'))?.['nameservers']));
  if (dns.length > 0) node.dns = dns;
  return node;
}
