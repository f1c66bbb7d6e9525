import { extname } from 'node:path';
import { isIP } from 'node:net';
import { isRecord, scalarText, SECRET_NAME, toJsonValue, type JsonValue } from '../common/infra-json.js';
import { declareOverrideClass, readClassOverrides } from '../common/infra-mapping.js';
import { StateBuilder } from '../common/infra-state-builder.js';
import type { Importer, ImportFile, ImporterOptions, ImportResult } from '../importer.types.js';
import { readIni } from './ansible-ini.js';
import { newInventory, type Inventory } from './ansible-inventory.js';
import { readYaml } from './ansible-yaml.js';

/**
 * Ansible inventories (INI or YAML) → desired state. See docs/importers/ansible.md.
 *
 * Hosts become `host` CIs, groups `host_group` CIs; a host is `member_of` each group that lists
 * it and a child group is `member_of` its parent. The implicit groups `all` and `ungrouped` are
 * not CIs (every host is in `all`), except that `all` is kept when it carries variables.
 */
export const ansibleImporter: Importer = {
  format: 'ansible',
  description: 'Ansible inventories, INI or YAML: hosts, groups with children, host and group variables',
  parse: parseAnsible,
};

const CLASSES = { host: 'host', group: 'host_group' } as const;
const IMPLICIT = new Set(['all', 'ungrouped']);

/** INI when the extension says so or when a line is a `[section]` heading; YAML otherwise. */
export function isIniInventory(file: ImportFile): boolean {
  const ext = extname(file.path).toLowerCase();
  if (ext === '.ini' || ext === '.cfg') return true;
  if (ext === '.yml' || ext === '.yaml' || ext === '.json') return false;
  return /^\s*\[[^\]]+\]\s*$/m.test(file.text);
}

/** Variables as attributes, without credentials: their names are listed in `redacted_vars`. */
function safeVars(vars: Record<string, unknown>): { vars: Record<string, JsonValue>; redacted: string[] } {
  const out: Record<string, JsonValue> = {};
  const redacted: string[] = [];
  for (const [key, value] of Object.entries(vars)) {
    const text = scalarText(value);
    const vaulted = typeof value === 'string' && value.trimStart().startsWith('$ANSIBLE_VAULT');
    if (
      vaulted ||
      (SECRET_NAME.test(key) && (isRecord(value) || Array.isArray(value) || (text !== undefined && text !== '')))
    ) {
      redacted.push(key);
      continue;
    }
    const json = toJsonValue(value);
    if (json !== undefined) out[key] = json;
  }
  return { vars: out, redacted: redacted.sort() };
}

function hostAttributes(name: string, vars: Record<string, unknown>): Record<string, JsonValue> {
  const safe = safeVars(vars);
  const attributes: Record<string, JsonValue> = {};
  const address = scalarText(vars['ansible_host']) ?? (isIP(name) ? name : undefined);
  if (address !== undefined) attributes['address'] = address;
  const port = vars['ansible_port'];
  if (typeof port === 'number' || typeof port === 'string') attributes['port'] = Number(port);
  for (const [key, attribute] of [
    ['ansible_user', 'user'],
    ['ansible_connection', 'connection'],
  ] as const) {
    const text = scalarText(vars[key]);
    if (text !== undefined) attributes[attribute] = text;
  }
  attributes['vars'] = safe.vars;
  if (safe.redacted.length > 0) attributes['redacted_vars'] = safe.redacted;
  return attributes;
}

function mapInventory(inventory: Inventory, builder: StateBuilder, classOf: (kind: 'host' | 'group') => string): void {
  for (const [name, host] of inventory.hosts) {
    builder.addCi({ class: classOf('host'), name, attributes: hostAttributes(name, host.vars) }, host.origin);
  }
  const isCi = (group: string): boolean =>
    !IMPLICIT.has(group) || (group === 'all' && Object.keys(inventory.groups.get('all')?.vars ?? {}).length > 0);
  for (const [name, group] of inventory.groups) {
    if (!isCi(name)) continue;
    const safe = safeVars(group.vars);
    const attributes: Record<string, JsonValue> = { vars: safe.vars };
    if (safe.redacted.length > 0) attributes['redacted_vars'] = safe.redacted;
    builder.addCi({ class: classOf('group'), name, attributes }, group.origin);
  }
  for (const [name, group] of inventory.groups) {
    // Every host and group is implicitly in `all`: relating them would say nothing.
    if (IMPLICIT.has(name)) continue;
    const to = `${classOf('group')}/${name}`;
    for (const host of group.hosts)
      builder.addRelation({ type: 'member_of', from: `${classOf('host')}/${host}`, to }, group.origin);
    for (const child of group.children) {
      if (IMPLICIT.has(child)) continue;
      builder.addRelation({ type: 'member_of', from: `${classOf('group')}/${child}`, to }, group.origin);
    }
  }
}

function parseAnsible(files: ImportFile[], options?: ImporterOptions): ImportResult {
  const overrides = readClassOverrides(
    { format: 'ansible', kinds: Object.keys(CLASSES), kindWord: 'inventory element' },
    options?.mapping,
  );
  const builder = new StateBuilder();
  const classOf = (kind: 'host' | 'group'): string => overrides.get(kind) ?? CLASSES[kind];
  for (const [kind, className] of overrides)
    declareOverrideClass(builder, className, CLASSES[kind as 'host' | 'group'], `Ansible ${kind}`);
  const inventory = newInventory();
  for (const file of files)
    builder.issues.push(...(isIniInventory(file) ? readIni(inventory, file) : readYaml(inventory, file)));
  mapInventory(inventory, builder, classOf);
  return builder.build();
}
