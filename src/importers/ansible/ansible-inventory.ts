import type { Origin } from '../common/infra-state-builder.js';

/**
 * An Ansible inventory as both syntaxes describe it: hosts with variables, groups with member
 * hosts, child groups and variables. Several files add to one inventory, as `-i a -i b` does.
 */
export interface InventoryHost {
  vars: Record<string, unknown>;
  origin: Origin;
}

export interface InventoryGroup {
  hosts: Set<string>;
  children: Set<string>;
  vars: Record<string, unknown>;
  origin: Origin;
}

export interface Inventory {
  hosts: Map<string, InventoryHost>;
  groups: Map<string, InventoryGroup>;
}

export function newInventory(): Inventory {
  return { hosts: new Map(), groups: new Map() };
}

export function groupOf(inventory: Inventory, name: string, origin: Origin): InventoryGroup {
  let group = inventory.groups.get(name);
  if (!group) {
    group = { hosts: new Set(), children: new Set(), vars: {}, origin };
    inventory.groups.set(name, group);
  }
  return group;
}

export function addHost(inventory: Inventory, name: string, vars: Record<string, unknown>, origin: Origin): void {
  const host = inventory.hosts.get(name);
  if (host) Object.assign(host.vars, vars);
  else inventory.hosts.set(name, { vars: { ...vars }, origin });
}

const RANGE = /^(.*?)\[([^\]:]*):([^\]:]*)(?::([^\]]*))?\](.*)$/;

/**
 * Expands Ansible host ranges: `web[01:03]` → web01, web02, web03 (leading zeros kept),
 * `db-[a:c]` → db-a, db-b, db-c, `n[0:10:5]` → n0, n5, n10; several ranges multiply.
 * Returns a sentence instead when the range is malformed.
 */
export function expandHostPattern(pattern: string): string[] | string {
  const match = RANGE.exec(pattern);
  if (!match) return [pattern];
  const [, head = '', startText = '', endText = '', strideText, tail = ''] = match;
  const stride = strideText === undefined || strideText === '' ? 1 : Number(strideText);
  if (!Number.isInteger(stride) || stride < 1) return `host range ${pattern} has a bad step`;
  const items: string[] = [];
  if (/^\d+$/.test(startText) && /^\d+$/.test(endText)) {
    const start = Number(startText);
    const end = Number(endText);
    if (end < start) return `host range ${pattern} ends before it starts`;
    if ((end - start) / stride > 100_000) return `host range ${pattern} is larger than 100000 hosts`;
    for (let n = start; n <= end; n += stride) items.push(String(n).padStart(startText.length, '0'));
  } else if (/^[a-z]$/i.test(startText) && /^[a-z]$/i.test(endText)) {
    const start = startText.charCodeAt(0);
    const end = endText.charCodeAt(0);
    if (end < start) return `host range ${pattern} ends before it starts`;
    for (let c = start; c <= end; c += stride) items.push(String.fromCharCode(c));
  } else {
    return `host range ${pattern} is neither numeric nor alphabetic`;
  }
  const out: string[] = [];
  for (const item of items) {
    const rest = expandHostPattern(`${item}${tail}`);
    if (typeof rest === 'string') return rest;
    out.push(...rest.map((name) => `${head}${name}`));
  }
  return out;
}
