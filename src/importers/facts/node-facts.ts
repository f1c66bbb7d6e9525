import { asNumber, asText, compact } from '../common/plain-json.js';
import type { Origin } from '../common/infra-state-builder.js';

/**
 * What a configuration manager knows of one machine, in the same words whichever tool gathered
 * it (Ansible facts, Puppet facts, Chef's Ohai attributes, Salt grains). Each importer reads its
 * tool's shape into this; `node-facts-state.ts` turns it into CIs, the same way for all of them,
 * so that one machine seen by two tools gets one name and the same attributes.
 *
 * Only what stays the same from one run to the next is kept: never free memory or disk space,
 * uptime, load, the time of the run or the environment of the process that gathered the facts.
 */
export interface NodeFacts {
  /** Host name used when the facts carry no fully-qualified name. */
  hostname?: string;
  fqdn?: string;
  domain?: string;
  /** True for a virtual machine (guest), false for a physical host, undefined when not said. */
  virtual?: boolean;
  /** The hypervisor or virtualisation technology (kvm, vmware, xen, …). */
  virtualization?: string;
  serial_number?: string;
  uuid?: string;
  manufacturer?: string;
  model?: string;
  /** The operating system's full name, `CentOS Linux 8`, `Red Hat Enterprise Linux 8.5`. */
  os?: string;
  os_family?: string;
  os_version?: string;
  os_arch?: string;
  kernel_version?: string;
  /** Physical processors (sockets). */
  cpu_count?: number;
  /** Cores in all processors. */
  cpu?: number;
  /** Hardware threads (vCPUs) in all processors. */
  cpu_threads?: number;
  cpu_model?: string;
  memory_mb?: number;
  default_gateway?: string;
  dns?: string[];
  interfaces: NodeInterface[];
  filesystems: NodeFilesystem[];
  /** Attributes only one tool knows (Puppet's environment, Chef's run list…), kept as they are. */
  extra?: Record<string, unknown>;
}

export interface NodeInterface {
  name: string;
  mac_address?: string;
  ipv4: string[];
  ipv6: string[];
  mtu?: number;
}

export interface NodeFilesystem {
  mount: string;
  device?: string;
  filesystem?: string;
  total_mb?: number;
}

/** One machine's facts with where they were read, for messages. */
export interface ReadNode {
  facts: NodeFacts;
  origin: Origin;
  /** The tool's own name for the node (Puppet certname, Salt minion id, Chef node name, fact file). */
  toolName?: string;
}

/**
 * Values that tools print where the hardware reports nothing: a serial number "NA" or "Not
 * Specified" identifies nothing, and two machines sharing it would be matched as one by drift.
 */
const PLACEHOLDERS = new Set([
  'na',
  'n/a',
  'none',
  'null',
  'unknown',
  'not specified',
  'not available',
  'not applicable',
  'to be filled by o.e.m.',
  'default string',
  'system serial number',
  '0',
  '00000000-0000-0000-0000-000000000000',
]);

/** A text value, or undefined when it is empty or a placeholder for "nothing". */
export function realText(value: unknown): string | undefined {
  const text = asText(value);
  return text === undefined || PLACEHOLDERS.has(text.toLowerCase()) ? undefined : text;
}

/** A positive whole number, or undefined (a CPU count of 0 or "2.5" is no count). */
export function count(value: unknown): number | undefined {
  const n = asNumber(value);
  return n !== undefined && Number.isInteger(n) && n > 0 ? n : undefined;
}

/** Bytes → whole megabytes. */
export function bytesToMb(value: unknown): number | undefined {
  const n = asNumber(value);
  return n === undefined || n < 0 ? undefined : Math.round(n / 1048576);
}

/** Ohai and Salt write sizes as "3880944kB" or "3.7 GiB": megabytes, or undefined. */
export function sizeTextToMb(value: unknown): number | undefined {
  if (typeof value === 'number') return bytesToMb(value);
  const match = /^\s*([\d.]+)\s*([kmgt]?i?b?)?\s*$/i.exec(asText(value) ?? '');
  if (!match) return undefined;
  const n = Number(match[1]);
  if (!Number.isFinite(n)) return undefined;
  const unit = (match[2] ?? '').toLowerCase().charAt(0);
  const factor = { '': 1 / 1048576, b: 1 / 1048576, k: 1 / 1024, m: 1, g: 1024, t: 1048576 }[unit] ?? 1;
  return Math.round(n * factor);
}

/** A MAC address in lower case with colons, or undefined (the loopback's 00:00:00:00:00:00 is none). */
export function macAddress(value: unknown): string | undefined {
  const text = realText(value)?.toLowerCase();
  return text !== undefined && /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/.test(text) && !/^[0:]+$/.test(text) ? text : undefined;
}

/** Distinct, sorted, non-empty strings, so that the order a tool lists them in changes nothing. */
export function textList(values: unknown[]): string[] {
  const out = new Set<string>();
  for (const value of values) {
    const text = asText(value);
    if (text !== undefined) out.add(text);
  }
  return [...out].sort();
}

/** The interface's attributes as stored on its CI. */
export function interfaceAttributes(nic: NodeInterface): Record<string, unknown> {
  return compact({
    mac_address: nic.mac_address,
    ipv4: [...nic.ipv4].sort(),
    ipv6: [...nic.ipv6].sort(),
    mtu: nic.mtu,
  });
}

/** `255.255.252.0` → 22, `ffff:ffff:ffff:ffff::` → 64, `64` → 64; undefined when not a contiguous mask. */
export function maskLength(mask: unknown): number | undefined {
  const text = asText(mask);
  if (text === undefined) return undefined;
  if (/^\d{1,3}$/.test(text)) return Number(text) <= 128 ? Number(text) : undefined;
  let bits: string;
  if (text.includes(':')) {
    const [head = '', tail = ''] = text.split('::');
    const groups = [head, tail].map((part) => (part === '' ? [] : part.split(':')));
    const missing = 8 - groups[0]!.length - groups[1]!.length;
    if (missing < 0 || (!text.includes('::') && missing !== 0)) return undefined;
    const all = [...groups[0]!, ...Array<string>(missing).fill('0'), ...groups[1]!];
    if (all.some((g) => !/^[0-9a-f]{1,4}$/i.test(g))) return undefined;
    bits = all.map((g) => parseInt(g, 16).toString(2).padStart(16, '0')).join('');
  } else {
    const parts = text.split('.').map(Number);
    if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return undefined;
    bits = parts.map((p) => p.toString(2).padStart(8, '0')).join('');
  }
  if (!/^1*0*$/.test(bits)) return undefined;
  const zero = bits.indexOf('0');
  return zero === -1 ? bits.length : zero;
}

/** `address/prefix` when the prefix is known, else the address alone. */
export function cidr(address: unknown, mask: unknown): string | undefined {
  const text = asText(address);
  if (text === undefined) return undefined;
  const length = maskLength(mask);
  return length === undefined ? text : `${text}/${length}`;
}
