import type { ChangeType } from '../lifecycle/change-lifecycle.js';
import { InputError, describeFieldErrors, type FieldError } from '../shared/errors.js';
import { checkShape, type DocumentErrors } from '../shared/document-schema.js';
import { asList } from '../shared/schema-words.js';
import type { StandardTemplate, TemplateClassRule } from './templates.js';
import type { TemplateDocument } from './templates.schema.js';
import { parseClock } from '../risk/business-hours.js';
import type { BusinessHours, RiskLevel } from '../risk/risk.types.js';
import {
  defaultPolicy,
  type ApprovalRequirement,
  type Policy,
  type PolicyGroup,
  type PolicyMatch,
  type PolicyRule,
} from './policy.types.js';
import { PolicyDocument } from './policy-document.schema.js';
import { readFreezes, readMaintenance } from './windows-input.js';

const INVALID = 'policy.yaml is not valid';
/** How policy.yaml's errors read, in the core and on the API's policy route alike. */
export const POLICY_DOCUMENT: DocumentErrors = { code: 'POLICY_INVALID', summary: INVALID };

type RuleDocument = NonNullable<PolicyDocument['rules']>[number];
type RequirementDocument = NonNullable<PolicyDocument['cab']>;
type RiskDocument = NonNullable<PolicyDocument['risk']>;

/**
 * Validates a parsed policy.yaml and fills in the defaults: first its shape
 * (policy-document.schema.ts), then the rules across fields. Throws an InputError
 * (`POLICY_INVALID`) naming every problem: rules requiring undefined groups, quorums larger than
 * the group, malformed windows and RRULEs, thresholds out of order.
 */
export function validatePolicy(raw: unknown): Policy {
  const doc = checkShape(PolicyDocument, raw, 'POLICY_INVALID', INVALID);
  const errors: FieldError[] = [];
  const policy = defaultPolicy();
  policy.groups = readGroups(doc, errors);
  const groups = new Map(policy.groups.map((g) => [g.name, g]));
  if (doc.cab !== undefined) policy.cab = readRequirement(doc.cab, 'cab', groups, errors);
  if (doc.emergency !== undefined) policy.emergency = readRequirement(doc.emergency, 'emergency', groups, errors);
  policy.rules = (doc.rules ?? []).map((r, i) => readRule(r, `rules[${i}]`, groups, errors));
  if (policy.rules.some((r) => r.cab === true) && doc.cab === undefined && !groups.has('cab')) {
    errors.push({
      path: 'cab',
      message:
        'a rule says cab: true, but no group "cab" is defined: define it, or name the CAB group with cab: { group, quorum }',
    });
  }
  if (doc.control !== undefined) policy.control = { environments: asList(doc.control.environments) };
  policy.freeze = readFreezes(doc.freeze ?? [], errors);
  policy.maintenance = readMaintenance(doc.maintenance ?? [], errors);
  if (doc.risk !== undefined) policy.risk = readRisk(doc.risk, errors);
  policy.templates = (doc.templates ?? []).map(readTemplate);
  unique(
    policy.templates.map((t) => t.name),
    'templates',
    'template',
    errors,
  );
  if (errors.length > 0) throw new InputError('POLICY_INVALID', describeFieldErrors(INVALID, errors), errors);
  return policy;
}

function unique(names: string[], key: string, what: string, errors: FieldError[]): void {
  names.forEach((n, i) => {
    if (names.indexOf(n) !== i) errors.push({ path: `${key}[${i}].name`, message: `${what} "${n}" is defined twice` });
  });
}

function readGroups(doc: PolicyDocument, errors: FieldError[]): PolicyGroup[] {
  const groups = (doc.groups ?? []).map((g) => {
    const group: PolicyGroup = { name: g.name, members: [...new Set(asList(g.members))] };
    if (typeof g.description === 'string') group.description = g.description;
    if (g.fromProvider === true) group.fromProvider = true;
    return group;
  });
  unique(
    groups.map((g) => g.name),
    'groups',
    'group',
    errors,
  );
  return groups;
}

function readRequirement(
  r: RequirementDocument,
  path: string,
  groups: Map<string, PolicyGroup>,
  errors: FieldError[],
): ApprovalRequirement {
  const quorum = r.quorum ?? 1;
  const defined = groups.get(r.group);
  if (!defined)
    errors.push({ path: `${path}.group`, message: `names group "${r.group}", which is not defined under groups` });
  else if (!defined.fromProvider && quorum > defined.members.length) {
    errors.push({
      path: `${path}.quorum`,
      message: `is ${quorum}, but group "${r.group}" has only ${defined.members.length} member(s)`,
    });
  }
  return { group: r.group, quorum };
}

function readRule(r: RuleDocument, path: string, groups: Map<string, PolicyGroup>, errors: FieldError[]): PolicyRule {
  const require = (r.require ?? []).map((q, i) => readRequirement(q, `${path}.require[${i}]`, groups, errors));
  if (require.length === 0 && r.cab !== true)
    errors.push({ path, message: 'requires nothing: give require: [{ group, quorum }] or cab: true' });
  const rule: PolicyRule = { match: readMatch(r.match ?? {}), require };
  if (r.name !== undefined) rule.name = r.name;
  if (r.cab === true) rule.cab = true;
  return rule;
}

function readMatch(m: NonNullable<RuleDocument['match']>): PolicyMatch {
  const match: PolicyMatch = {};
  if (m.type !== undefined) match.type = asList<ChangeType>(m.type);
  if (m.risk !== undefined) match.risk = asList<RiskLevel>(m.risk);
  if (m.class !== undefined) match.class = asList(m.class);
  if (m.environment !== undefined) match.environment = asList(m.environment);
  if (m.labels !== undefined) match.labels = { ...m.labels };
  return match;
}

function readRisk(r: RiskDocument, errors: FieldError[]): Policy['risk'] {
  const out: Policy['risk'] = {};
  if (r.thresholds !== undefined) {
    const { medium = 25, high = 45, veryHigh = 75 } = r.thresholds;
    if (!(medium <= high && high <= veryHigh))
      errors.push({ path: 'risk.thresholds', message: 'must rise: medium ≤ high ≤ veryHigh' });
    out.thresholds = { ...r.thresholds };
  }
  if (r.businessHours !== undefined) {
    const h = r.businessHours;
    const hours: BusinessHours = {
      days: h.days ?? [1, 2, 3, 4, 5],
      start: h.start ?? '08:00',
      end: h.end ?? '18:00',
      utcOffsetMinutes: h.utcOffsetMinutes ?? 0,
    };
    if ((parseClock(hours.end) ?? 0) <= (parseClock(hours.start) ?? 0))
      errors.push({ path: 'risk.businessHours.end', message: 'must be after start' });
    out.businessHours = hours;
  }
  return out;
}

function readTemplate(t: TemplateDocument): StandardTemplate {
  const classes = t.classes.map((r) => {
    const rule: TemplateClassRule = { class: r.class, attributes: asList(r.attributes) };
    if (r.statuses !== undefined) rule.statuses = asList(r.statuses);
    if (r.labels !== undefined) rule.labels = r.labels;
    return rule;
  });
  const template: StandardTemplate = { name: t.name, description: t.description ?? '', classes };
  if (t.relations !== undefined) template.relations = asList(t.relations);
  return template;
}
