import { CHANGE_TYPES } from '../lifecycle/change-lifecycle.js';
import { FieldChecks, isRecord } from '../shared/field-checks.js';
import type { StandardTemplate, TemplateClassRule } from './templates.js';
import { parseClock } from '../risk/business-hours.js';
import { RISK_LEVELS, type BusinessHours, type RiskThresholds } from '../risk/risk.types.js';
import {
  defaultPolicy,
  type ApprovalRequirement,
  type Policy,
  type PolicyGroup,
  type PolicyMatch,
  type PolicyRule,
} from './policy.types.js';
import { readFreezes, readMaintenance } from './windows-input.js';

const TOP_KEYS = ['groups', 'rules', 'cab', 'emergency', 'control', 'freeze', 'maintenance', 'risk', 'templates'];

/**
 * Validates a parsed policy.yaml and fills in the defaults. Throws an InputError (`POLICY_INVALID`)
 * naming every problem: unknown keys, rules requiring undefined groups, quorums larger than the
 * group, malformed windows and RRULEs, thresholds out of order.
 */
export function validatePolicy(raw: unknown): Policy {
  const c = new FieldChecks();
  if (!isRecord(raw)) {
    c.add('(document)', 'must be a mapping with groups and rules');
    c.throwIfAny('POLICY_INVALID', 'policy.yaml is not valid');
  }
  const doc = raw as Record<string, unknown>;
  c.knownKeys(doc, TOP_KEYS, '');
  const policy = defaultPolicy();
  policy.groups = readGroups(c, doc.groups);
  const groups = new Map(policy.groups.map((g) => [g.name, g]));
  if (doc.cab !== undefined) policy.cab = readRequirement(c, doc.cab, 'cab', groups) ?? policy.cab;
  if (doc.emergency !== undefined) {
    const emergency = readRequirement(c, doc.emergency, 'emergency', groups);
    if (emergency) policy.emergency = emergency;
  }
  policy.rules = listOf(c, doc.rules, 'rules', (r, path) => readRule(c, r, path, groups));
  if (policy.rules.some((r) => r.cab === true) && doc.cab === undefined && !groups.has('cab')) {
    c.add(
      'cab',
      'a rule says cab: true, but no group "cab" is defined: define it, or name the CAB group with cab: { group, quorum }',
    );
  }
  if (doc.control !== undefined) {
    const control = c.record(doc.control, 'control');
    if (control) {
      c.knownKeys(control, ['environments'], 'control');
      policy.control = { environments: c.textList(control.environments ?? [], 'control.environments') };
    }
  }
  policy.freeze = readFreezes(c, doc.freeze);
  policy.maintenance = readMaintenance(c, doc.maintenance);
  if (doc.risk !== undefined) policy.risk = readRisk(c, doc.risk);
  policy.templates = listOf(c, doc.templates, 'templates', (t, path) => readTemplate(c, t, path));
  unique(
    c,
    policy.templates.map((t) => t.name),
    'templates',
    'template',
  );
  c.throwIfAny('POLICY_INVALID', 'policy.yaml is not valid');
  return policy;
}

function listOf<T>(
  c: FieldChecks,
  raw: unknown,
  key: string,
  read: (item: Record<string, unknown>, path: string) => T | undefined,
): T[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    c.add(key, 'must be a list');
    return [];
  }
  return raw.flatMap((item, i) => {
    const r = c.record(item, `${key}[${i}]`);
    const value = r ? read(r, `${key}[${i}]`) : undefined;
    return value === undefined ? [] : [value];
  });
}

function unique(c: FieldChecks, names: string[], key: string, what: string): void {
  names.forEach((n, i) => {
    if (names.indexOf(n) !== i) c.add(`${key}[${i}].name`, `${what} "${n}" is defined twice`);
  });
}

function readGroups(c: FieldChecks, raw: unknown): PolicyGroup[] {
  const groups = listOf(c, raw, 'groups', (g, path) => {
    c.knownKeys(g, ['name', 'members', 'description'], path);
    const name = c.text(g.name, `${path}.name`);
    const members = c.textList(g.members ?? [], `${path}.members`);
    if (name === undefined) return undefined;
    const group: PolicyGroup = { name, members: [...new Set(members)] };
    if (typeof g.description === 'string') group.description = g.description;
    return group;
  });
  unique(
    c,
    groups.map((g) => g.name),
    'groups',
    'group',
  );
  return groups;
}

function readRequirement(
  c: FieldChecks,
  raw: unknown,
  path: string,
  groups: Map<string, PolicyGroup>,
): ApprovalRequirement | undefined {
  const r = c.record(raw, path);
  if (!r) return undefined;
  c.knownKeys(r, ['group', 'quorum'], path);
  const group = c.text(r.group, `${path}.group`);
  const quorum = r.quorum ?? 1;
  if (typeof quorum !== 'number' || !Number.isInteger(quorum) || quorum < 1)
    c.add(`${path}.quorum`, 'must be a whole number of at least 1');
  if (group === undefined || typeof quorum !== 'number') return undefined;
  const defined = groups.get(group);
  if (!defined) c.add(`${path}.group`, `names group "${group}", which is not defined under groups`);
  else if (quorum > defined.members.length) {
    c.add(`${path}.quorum`, `is ${quorum}, but group "${group}" has only ${defined.members.length} member(s)`);
  }
  return { group, quorum };
}

function readRule(
  c: FieldChecks,
  r: Record<string, unknown>,
  path: string,
  groups: Map<string, PolicyGroup>,
): PolicyRule | undefined {
  c.knownKeys(r, ['name', 'match', 'require', 'cab'], path);
  const match = readMatch(c, r.match ?? {}, `${path}.match`);
  const require = Array.isArray(r.require)
    ? r.require.flatMap((q, i) => readRequirement(c, q, `${path}.require[${i}]`, groups) ?? [])
    : [];
  if (r.require !== undefined && !Array.isArray(r.require))
    c.add(`${path}.require`, 'must be a list of { group, quorum }');
  if (r.cab !== undefined && typeof r.cab !== 'boolean') c.add(`${path}.cab`, 'must be true or false');
  if (require.length === 0 && r.cab !== true)
    c.add(path, 'requires nothing: give require: [{ group, quorum }] or cab: true');
  const rule: PolicyRule = { match, require };
  if (typeof r.name === 'string') rule.name = r.name;
  if (r.cab === true) rule.cab = true;
  return rule;
}

function readMatch(c: FieldChecks, raw: unknown, path: string): PolicyMatch {
  const m = c.record(raw, path);
  const match: PolicyMatch = {};
  if (!m) return match;
  c.knownKeys(m, ['type', 'risk', 'class', 'environment', 'labels'], path);
  if (m.type !== undefined) {
    match.type = c
      .textList(m.type, `${path}.type`)
      .filter((t) => c.oneOf(t, CHANGE_TYPES, `${path}.type`) !== undefined) as PolicyMatch['type'];
  }
  if (m.risk !== undefined) {
    match.risk = c
      .textList(m.risk, `${path}.risk`)
      .filter((t) => c.oneOf(t, RISK_LEVELS, `${path}.risk`) !== undefined) as PolicyMatch['risk'];
  }
  if (m.class !== undefined) match.class = c.textList(m.class, `${path}.class`);
  if (m.environment !== undefined) match.environment = c.textList(m.environment, `${path}.environment`);
  if (m.labels !== undefined) {
    const labels = c.record(m.labels, `${path}.labels`) ?? {};
    match.labels = {};
    for (const [k, v] of Object.entries(labels)) {
      if (typeof v === 'string') match.labels[k] = v;
      else c.add(`${path}.labels.${k}`, 'must be a string');
    }
  }
  return match;
}

function readRisk(c: FieldChecks, raw: unknown): Policy['risk'] {
  const r = c.record(raw, 'risk');
  const out: Policy['risk'] = {};
  if (!r) return out;
  c.knownKeys(r, ['thresholds', 'businessHours'], 'risk');
  const t = r.thresholds === undefined ? undefined : c.record(r.thresholds, 'risk.thresholds');
  if (t) {
    c.knownKeys(t, ['medium', 'high', 'veryHigh'], 'risk.thresholds');
    const thresholds: Partial<RiskThresholds> = {};
    for (const k of ['medium', 'high', 'veryHigh'] as const) {
      if (t[k] === undefined) continue;
      if (typeof t[k] === 'number' && t[k] >= 0) thresholds[k] = t[k];
      else c.add(`risk.thresholds.${k}`, 'must be a number of points, 0 or more');
    }
    const { medium = 25, high = 45, veryHigh = 75 } = thresholds;
    if (!(medium <= high && high <= veryHigh)) c.add('risk.thresholds', 'must rise: medium ≤ high ≤ veryHigh');
    out.thresholds = thresholds;
  }
  const h = r.businessHours === undefined ? undefined : c.record(r.businessHours, 'risk.businessHours');
  if (h) out.businessHours = readBusinessHours(c, h);
  return out;
}

function readBusinessHours(c: FieldChecks, h: Record<string, unknown>): BusinessHours {
  const path = 'risk.businessHours';
  c.knownKeys(h, ['days', 'start', 'end', 'utcOffsetMinutes'], path);
  const hours: BusinessHours = { days: [1, 2, 3, 4, 5], start: '08:00', end: '18:00', utcOffsetMinutes: 0 };
  if (h.days !== undefined) {
    if (Array.isArray(h.days) && h.days.every((d) => Number.isInteger(d) && (d as number) >= 1 && (d as number) <= 7))
      hours.days = h.days as number[];
    else c.add(`${path}.days`, 'must be a list of ISO weekdays, 1 (Monday) to 7 (Sunday)');
  }
  for (const k of ['start', 'end'] as const) {
    if (h[k] === undefined) continue;
    if (typeof h[k] === 'string' && parseClock(h[k]) !== undefined) hours[k] = h[k];
    else c.add(`${path}.${k}`, 'must be a time HH:MM, e.g. 08:00');
  }
  if ((parseClock(hours.end) ?? 0) <= (parseClock(hours.start) ?? 0)) c.add(`${path}.end`, 'must be after start');
  if (h.utcOffsetMinutes !== undefined) {
    const o = h.utcOffsetMinutes;
    if (typeof o === 'number' && Number.isInteger(o) && Math.abs(o) <= 14 * 60) hours.utcOffsetMinutes = o;
    else c.add(`${path}.utcOffsetMinutes`, 'must be whole minutes east of UTC, between -840 and 840');
  }
  return hours;
}

function readTemplate(c: FieldChecks, t: Record<string, unknown>, path: string): StandardTemplate | undefined {
  c.knownKeys(t, ['name', 'description', 'classes', 'relations'], path);
  const name = c.text(t.name, `${path}.name`);
  const classes = listOf(c, t.classes, `${path}.classes`, (r, p): TemplateClassRule | undefined => {
    c.knownKeys(r, ['class', 'attributes', 'statuses', 'labels'], p);
    const cls = c.text(r.class, `${p}.class`);
    const rule: TemplateClassRule = { class: cls ?? '', attributes: c.textList(r.attributes ?? [], `${p}.attributes`) };
    if (r.statuses !== undefined) rule.statuses = c.textList(r.statuses, `${p}.statuses`);
    if (r.labels !== undefined) {
      if (typeof r.labels === 'boolean') rule.labels = r.labels;
      else c.add(`${p}.labels`, 'must be true or false');
    }
    return rule;
  });
  if (classes.length === 0) c.add(`${path}.classes`, 'must allow at least one class');
  if (name === undefined) return undefined;
  const template: StandardTemplate = {
    name,
    description: c.optionalText(t.description, `${path}.description`),
    classes,
  };
  if (t.relations !== undefined) template.relations = c.textList(t.relations, `${path}.relations`);
  return template;
}
