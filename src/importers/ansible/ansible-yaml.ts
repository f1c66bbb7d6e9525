import { isRecord } from '../common/infra-json.js';
import { parseYamlFile } from '../common/infra-yaml.js';
import type { ImportFile, ImportIssue } from '../importer.types.js';
import { addHost, expandHostPattern, groupOf, type Inventory } from './ansible-inventory.js';
import { ANSIBLE_YAML_OPTIONS } from './ansible-values.js';

/**
 * The YAML inventory syntax: `group: { hosts: { h: vars|null }, children: { g: … }, vars: {…} }`
 * at any depth, read with YAML 1.1 rules as ansible-core reads it. Jinja2 expressions in values
 * are kept verbatim, never evaluated.
 */
export function readYaml(inventory: Inventory, file: ImportFile): ImportIssue[] {
  const parsed = parseYamlFile(file.path, file.text, ANSIBLE_YAML_OPTIONS);
  const issues = [...parsed.issues];
  const doc = parsed.documents[0];
  if (!doc) return issues;
  if (!isRecord(doc.value)) {
    issues.push({
      file: file.path,
      location: `document ${doc.index}`,
      message: 'not an inventory: the document is not a mapping of groups',
    });
    return issues;
  }
  for (const [name, spec] of Object.entries(doc.value)) readGroup(inventory, file, name, spec, name, issues);
  return issues;
}

function readGroup(
  inventory: Inventory,
  file: ImportFile,
  name: string,
  spec: unknown,
  path: string,
  issues: ImportIssue[],
): void {
  const where = { file: file.path, location: path };
  const group = groupOf(inventory, name, where);
  if (spec === null || spec === undefined) return;
  if (!isRecord(spec)) {
    issues.push({ ...where, message: `group ${name} must be a mapping of hosts, children and vars; left empty` });
    return;
  }
  for (const [key, value] of Object.entries(spec)) {
    const at = `${path}.${key}`;
    if (value === null) continue;
    if (!isRecord(value)) {
      issues.push({ file: file.path, location: at, message: `${key} of group ${name} must be a mapping; skipped` });
      continue;
    }
    if (key === 'hosts') {
      for (const [pattern, vars] of Object.entries(value)) {
        const hostAt = { file: file.path, location: `${at}.${pattern}` };
        if (vars !== null && !isRecord(vars)) {
          issues.push({ ...hostAt, message: `variables of host ${pattern} must be a mapping; host left out` });
          continue;
        }
        const names = expandHostPattern(pattern);
        if (typeof names === 'string') {
          issues.push({ ...hostAt, message: `${names}; left out` });
          continue;
        }
        for (const host of names) {
          addHost(inventory, host, vars ?? {}, hostAt);
          group.hosts.add(host);
        }
      }
    } else if (key === 'children') {
      for (const [child, childSpec] of Object.entries(value)) {
        group.children.add(child);
        readGroup(inventory, file, child, childSpec, `${at}.${child}`, issues);
      }
    } else if (key === 'vars') {
      Object.assign(group.vars, value);
    } else {
      issues.push({
        file: file.path,
        location: at,
        message: `group ${name} has an unknown key "${key}" (expected hosts, children or vars); skipped`,
      });
    }
  }
}
