import { isRecord } from '../common/infra-json.js';
import { asArray, asNumber, asRecord, asText } from '../common/plain-json.js';
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
import type { Origin } from '../common/infra-state-builder.js';

/**
 * Puppet facts → hosts with their OS, hardware, interfaces and mounts. See
 * docs/importers/puppet-facts.md. Reads what `puppet facts show` prints (the facts at the top
 * level), `puppet facts find` (`{"name", "values"}`), and PuppetDB's query API pages:
 * `/pdb/query/v4/facts` (one row per fact), `/factsets`, `/inventory` and `/nodes`. Rows of one
 * certname, from any page or file, describe one node.
 */
export const puppetFactsImporter = factsImporter({
  format: 'puppet-facts',
  description: 'Puppet facts: puppet facts show, or PuppetDB facts, factsets, inventory and nodes pages',
  read: readPuppetFacts,
});

interface PuppetNode {
  facts: Record<string, unknown>;
  environment?: string;
  /** PuppetDB says the node was deactivated or expired: it is no longer managed. */
  retired?: boolean;
  origin: Origin;
}

function readPuppetFacts(files: ImportFile[], issues: ImportIssue[]): ReadNode[] {
  const nodes = new Map<string, PuppetNode>();
  const unnamed: PuppetNode[] = [];
  const nodeOf = (certname: string, origin: Origin): PuppetNode => {
    let node = nodes.get(certname);
    if (!node) {
      node = { facts: {}, origin };
      nodes.set(certname, node);
    }
    return node;
  };
  for (const file of files) {
    eachJsonValue(file, 'puppet-facts', issues, (value, line) => {
      const origin = { file: file.path, location: `line ${line}` };
      const problem = readValue(value, origin, nodeOf, unnamed);
      if (problem !== undefined) issues.push({ ...origin, message: problem });
    });
  }
  const read: ReadNode[] = [];
  for (const [certname, node] of nodes)
    if (!node.retired) read.push({ facts: readFacts(node), origin: node.origin, toolName: certname });
  for (const node of unnamed) read.push({ facts: readFacts(node), origin: node.origin });
  return read;
}

/** Reads one JSON value of any of the shapes; returns a sentence when it is none of them. */
function readValue(
  value: unknown,
  origin: Origin,
  nodeOf: (certname: string, origin: Origin) => PuppetNode,
  unnamed: PuppetNode[],
): string | undefined {
  if (Array.isArray(value)) {
    // A PuppetDB page: rows that each name their certname.
    const rows = value as unknown[];
    const bad = rows.findIndex((row) => !isRecord(row) || asText(row['certname']) === undefined);
    if (bad !== -1) {
      return rows.length > 0 && bad === 0
        ? notFactsMessage('puppet-facts', value)
        : `row ${bad + 1} of the PuppetDB page has no certname; the page is left out`;
    }
    rows.forEach((row, i) =>
      readRow(row as Record<string, unknown>, { ...origin, location: `${origin.location}, row ${i + 1}` }, nodeOf),
    );
    return undefined;
  }
  if (!isRecord(value)) return notFactsMessage('puppet-facts', value);
  if (isRecord(value['values']) && asText(value['name']) !== undefined) {
    // `puppet facts find`: {"name": certname, "values": {…}, "timestamp", "expiration"}.
    Object.assign(nodeOf(asText(value['name'])!, origin).facts, value['values']);
    return undefined;
  }
  if (asText(value['certname']) !== undefined) {
    readRow(value, origin, nodeOf);
    return undefined;
  }
  if (!('facterversion' in value) && !isRecord(value['networking']) && asText(value['fqdn']) === undefined)
    return notFactsMessage('puppet-facts', value);
  const certname = asText(value['clientcert']);
  if (certname !== undefined) Object.assign(nodeOf(certname, origin).facts, value);
  else unnamed.push({ facts: value, origin });
  return undefined;
}

/** One row of a PuppetDB page: a fact, a factset, an inventory entry or a node. */
function readRow(
  row: Record<string, unknown>,
  origin: Origin,
  nodeOf: (certname: string, origin: Origin) => PuppetNode,
): void {
  const node = nodeOf(asText(row['certname'])!, origin);
  if ((row['deactivated'] ?? null) !== null || (row['expired'] ?? null) !== null) node.retired = true;
  const environment = asText(row['environment']) ?? asText(row['facts_environment']);
  if (environment !== undefined) node.environment = environment;
  const name = asText(row['name']);
  if (name !== undefined && 'value' in row) node.facts[name] = row['value'];
  const facts = row['facts'];
  if (isRecord(facts)) {
    // A factset carries {data: [{name, value}]}; an inventory entry the facts themselves.
    const data = facts['data'];
    if (Array.isArray(data)) {
      for (const item of data as unknown[]) {
        const fact = asRecord(item);
        const factName = asText(fact?.['name']);
        if (factName !== undefined) node.facts[factName] = fact!['value'];
      }
    } else if (!('href' in facts)) Object.assign(node.facts, facts);
  }
}

/** A fact by its structured path (`networking.fqdn`), else by its legacy flat name (`fqdn`). */
function fact(facts: Record<string, unknown>, path: string, legacy?: string): unknown {
  let value: unknown = facts;
  for (const key of path.split('.')) value = asRecord(value)?.[key];
  return value ?? (legacy === undefined ? undefined : facts[legacy]);
}

function structuredInterfaces(interfaces: Record<string, unknown>): NodeInterface[] {
  return Object.entries(interfaces).map(([name, value]) => {
    const item = asRecord(value) ?? {};
    const bindings = (key: string): string[] =>
      textList(
        asArray(item[key])
          .map(asRecord)
          .map((b) => cidr(b?.['address'], b?.['netmask'])),
      );
    const ipv4 = bindings('bindings');
    const ipv6 = bindings('bindings6');
    // Facter 3 without bindings still gives the primary address of each family.
    if (ipv4.length === 0 && asText(item['ip']) !== undefined) ipv4.push(cidr(item['ip'], item['netmask'])!);
    if (ipv6.length === 0 && asText(item['ip6']) !== undefined) ipv6.push(cidr(item['ip6'], item['netmask6'])!);
    const nic: NodeInterface = { name, ipv4, ipv6 };
    const mac = macAddress(item['mac']);
    if (mac !== undefined) nic.mac_address = mac;
    const mtu = count(item['mtu']);
    if (mtu !== undefined) nic.mtu = mtu;
    return nic;
  });
}

/** Facter 2's flat facts: `interfaces` "eth0,lo", then `ipaddress_eth0`, `macaddress_eth0`, … */
function legacyInterfaces(facts: Record<string, unknown>): NodeInterface[] {
  return (asText(facts['interfaces']) ?? '')
    .split(',')
    .filter((name) => name !== '')
    .map((name) => {
      const nic: NodeInterface = {
        name,
        ipv4: textList([cidr(facts[`ipaddress_${name}`], facts[`netmask_${name}`])]),
        ipv6: textList([cidr(facts[`ipaddress6_${name}`], facts[`netmask6_${name}`])]),
      };
      const mac = macAddress(facts[`macaddress_${name}`]);
      if (mac !== undefined) nic.mac_address = mac;
      const mtu = count(facts[`mtu_${name}`]);
      if (mtu !== undefined) nic.mtu = mtu;
      return nic;
    });
}

function readFacts(node: PuppetNode): NodeFacts {
  const { facts } = node;
  const interfaces = asRecord(fact(facts, 'networking.interfaces'));
  const mounts = asRecord(facts['mountpoints']) ?? {};
  const out: NodeFacts = {
    interfaces: (interfaces ? structuredInterfaces(interfaces) : legacyInterfaces(facts)).sort((a, b) =>
      a.name.localeCompare(b.name),
    ),
    filesystems: Object.entries(mounts).map(([mount, value]) => {
      const m = asRecord(value) ?? {};
      return {
        mount,
        device: asText(m['device']),
        filesystem: asText(m['filesystem']),
        total_mb: bytesToMb(m['size_bytes']),
      };
    }),
  };
  const set = <K extends keyof NodeFacts>(key: K, value: NodeFacts[K] | undefined): void => {
    if (value !== undefined) out[key] = value;
  };
  const isVirtual = fact(facts, 'is_virtual');
  if (typeof isVirtual === 'boolean' || isVirtual === 'true' || isVirtual === 'false') {
    out.virtual = isVirtual === true || isVirtual === 'true';
    if (out.virtual) set('virtualization', realText(facts['virtual']));
  }
  set('fqdn', realText(fact(facts, 'networking.fqdn', 'fqdn')));
  set('hostname', realText(fact(facts, 'networking.hostname', 'hostname')));
  set('domain', realText(fact(facts, 'networking.domain', 'domain')));
  set('serial_number', realText(fact(facts, 'dmi.product.serial_number', 'serialnumber')));
  set('uuid', realText(fact(facts, 'dmi.product.uuid', 'uuid'))?.toLowerCase());
  set('manufacturer', realText(fact(facts, 'dmi.manufacturer', 'manufacturer')));
  set('model', realText(fact(facts, 'dmi.product.name', 'productname')));
  const osName = realText(fact(facts, 'os.name', 'operatingsystem'));
  const osVersion = realText(fact(facts, 'os.release.full', 'operatingsystemrelease'));
  set('os', osName === undefined ? undefined : [osName, osVersion].filter(Boolean).join(' '));
  set('os_family', realText(fact(facts, 'os.family', 'osfamily')));
  set('os_version', osVersion);
  set('os_arch', realText(fact(facts, 'os.architecture', 'architecture')));
  set('kernel_version', realText(facts['kernelrelease']));
  const sockets = count(fact(facts, 'processors.physicalcount', 'physicalprocessorcount'));
  const coresPerSocket = count(fact(facts, 'processors.cores'));
  set('cpu_count', sockets);
  set('cpu', coresPerSocket !== undefined && sockets !== undefined ? coresPerSocket * sockets : undefined);
  set('cpu_threads', count(fact(facts, 'processors.count', 'processorcount')));
  set('cpu_model', realText(asArray(fact(facts, 'processors.models'))[0]) ?? realText(facts['processor0']));
  const memoryBytes = asNumber(fact(facts, 'memory.system.total_bytes'));
  set('memory_mb', memoryBytes !== undefined ? bytesToMb(memoryBytes) : count(asNumber(facts['memorysize_mb'])));
  if (node.environment !== undefined) out.extra = { puppet_environment: node.environment };
  return out;
}
