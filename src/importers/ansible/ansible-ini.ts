import type { ImportFile, ImportIssue } from '../importer.types.js';
import { addHost, expandHostPattern, groupOf, type Inventory } from './ansible-inventory.js';
import { inventoryValue } from './ansible-values.js';
import { shellWords } from './shell-words.js';

/**
 * The INI inventory syntax: `[group]` host lines with inline `key=value` variables,
 * `[group:children]` child group names, `[group:vars]` `key=value` lines; hosts before the first
 * section are ungrouped. Values, inline and in `:vars` alike, are typed as ansible-core types
 * them (ansible-values.ts): Python literals, else the text as written.
 */

type Section = { group: string; kind: 'hosts' | 'children' | 'vars' };

function readSection(text: string): Section | string {
  const [group = '', kind, extra] = text.split(':');
  if (group === '' || extra !== undefined) return `section [${text}] is not a valid group heading`;
  if (kind === undefined) return { group, kind: 'hosts' };
  if (kind === 'children' || kind === 'vars') return { group, kind };
  return `section [${text}] has an unknown suffix ":${kind}"; use :children or :vars`;
}

function readHostLine(
  inventory: Inventory,
  file: ImportFile,
  lineNo: number,
  line: string,
  section: Section,
  issues: ImportIssue[],
): void {
  const where = { file: file.path, location: `line ${lineNo}` };
  const words = shellWords(line);
  if (typeof words === 'string') {
    issues.push({ ...where, message: `${words}; the host line is left out` });
    return;
  }
  const [pattern = '', ...assignments] = words;
  const vars: Record<string, unknown> = {};
  for (const assignment of assignments) {
    const eq = assignment.indexOf('=');
    if (eq <= 0) {
      issues.push({ ...where, message: `"${assignment}" is not a key=value variable; host ${pattern} left out` });
      return;
    }
    vars[assignment.slice(0, eq)] = inventoryValue(assignment.slice(eq + 1));
  }
  // `host:2222` gives the port (not for IPv6 addresses, whose colons are their own).
  let hostPattern = pattern;
  const port = /^((?:[^:[\]]|\[[^\]]*\])+):(\d+)$/.exec(pattern);
  if (port?.[1] !== undefined && port[2] !== undefined) {
    hostPattern = port[1];
    vars['ansible_port'] ??= Number(port[2]);
  }
  const names = expandHostPattern(hostPattern);
  if (typeof names === 'string') {
    issues.push({ ...where, message: `${names}; left out` });
    return;
  }
  const group = groupOf(inventory, section.group, where);
  for (const name of names) {
    addHost(inventory, name, vars, where);
    group.hosts.add(name);
  }
}

export function readIni(inventory: Inventory, file: ImportFile): ImportIssue[] {
  const issues: ImportIssue[] = [];
  let section: Section = { group: 'ungrouped', kind: 'hosts' };
  file.text.split(/\r?\n/).forEach((raw, i) => {
    const lineNo = i + 1;
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) return;
    const where = { file: file.path, location: `line ${lineNo}` };
    const heading = /^\[([^\]]*)\]\s*(?:[#;].*)?$/.exec(line);
    if (heading) {
      const read = readSection(heading[1] ?? '');
      if (typeof read === 'string') {
        issues.push({ ...where, message: `${read}; its lines are skipped` });
        section = { group: '', kind: 'hosts' };
        return;
      }
      section = read;
      groupOf(inventory, section.group, where);
      return;
    }
    if (section.group === '') return;
    if (section.kind === 'hosts') readHostLine(inventory, file, lineNo, line, section, issues);
    else if (section.kind === 'children') {
      const child = /^[^:\]\s]+/.exec(line)?.[0] ?? '';
      groupOf(inventory, child, where);
      groupOf(inventory, section.group, where).children.add(child);
    } else {
      const eq = line.indexOf('=');
      if (eq <= 0) {
        issues.push({ ...where, message: `[${section.group}:vars] line is not key=value; skipped` });
        return;
      }
      // ansible-core reads `:vars` values like inline ones (its documentation says strings; its code does not).
      groupOf(inventory, section.group, where).vars[line.slice(0, eq).trim()] = inventoryValue(
        line.slice(eq + 1).trim(),
      );
    }
  });
  return issues;
}
