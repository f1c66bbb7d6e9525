import { parseRef, type DesiredCi, type DesiredRelation, type DesiredState } from '../ci/desired-state.js';
import { parseInstant, toIso } from '../schedule/time.js';
import { CHANGE_TYPES, type ChangeType, type TimeWindow } from '../lifecycle/change-lifecycle.js';
import { FieldChecks, isRecord } from '../shared/field-checks.js';

/**
 * A change request as read from change.yaml (or an API body), validated and normalised to
 * camelCase. The requester is not part of it: it is whoever creates the change.
 */
export interface ChangeDraft {
  type: ChangeType;
  template?: string;
  title: string;
  description: string;
  justification: string;
  category: string;
  assignee?: string;
  window?: TimeWindow;
  implementationPlan: string;
  testPlan: string;
  backoutPlan: string;
  plan: DesiredState;
}

// YAML spells these in snake_case; JSON bodies may use camelCase. Either is accepted, not both.
const TEXT_FIELDS = [
  ['implementation_plan', 'implementationPlan'],
  ['test_plan', 'testPlan'],
  ['backout_plan', 'backoutPlan'],
] as const;

const KEYS = [
  'type',
  'template',
  'title',
  'description',
  'justification',
  'category',
  'assignee',
  'window',
  'plan',
  ...TEXT_FIELDS.flat(),
];

const MAX_TITLE = 200;

/**
 * Validates a parsed change.yaml document. Throws an InputError (`CHANGE_INVALID`) whose field
 * errors name every problem, e.g. `window.end must be after window.start`.
 */
export function validateChangeInput(raw: unknown): ChangeDraft {
  const c = new FieldChecks();
  if (!isRecord(raw)) {
    c.add('(document)', 'must be a mapping with type, title and plan');
    c.throwIfAny('CHANGE_INVALID', 'change.yaml is not valid');
  }
  const doc = raw as Record<string, unknown>;
  c.knownKeys(doc, KEYS, '');
  const type = c.oneOf(doc.type, CHANGE_TYPES, 'type');
  const title = c.text(doc.title, 'title');
  if (title !== undefined && title.length > MAX_TITLE) c.add('title', `must be at most ${MAX_TITLE} characters`);
  const template = doc.template === undefined ? undefined : c.text(doc.template, 'template');
  if (type === 'standard' && doc.template === undefined) c.add('template', 'is required for a standard change');
  if (type !== undefined && type !== 'standard' && doc.template !== undefined) {
    c.add('template', `applies to standard changes only, and this one is ${type}`);
  }
  const assignee = doc.assignee === undefined ? undefined : c.text(doc.assignee, 'assignee');
  const texts = readPlanTexts(c, doc);
  const window = doc.window === undefined ? undefined : readWindow(c, doc.window, 'window');
  const plan = readPlan(c, doc.plan, 'plan');
  c.throwIfAny('CHANGE_INVALID', 'change.yaml is not valid');
  const draft: ChangeDraft = {
    type: type as ChangeType,
    title: (title as string).trim(),
    description: c.optionalText(doc.description, 'description'),
    justification: c.optionalText(doc.justification, 'justification'),
    category: c.optionalText(doc.category, 'category'),
    ...texts,
    plan,
  };
  if (template !== undefined) draft.template = template;
  if (assignee !== undefined) draft.assignee = assignee;
  if (window !== undefined) draft.window = window;
  return draft;
}

function readPlanTexts(
  c: FieldChecks,
  doc: Record<string, unknown>,
): Pick<ChangeDraft, 'implementationPlan' | 'testPlan' | 'backoutPlan'> {
  const out = { implementationPlan: '', testPlan: '', backoutPlan: '' };
  for (const [snake, camel] of TEXT_FIELDS) {
    if (doc[snake] !== undefined && doc[camel] !== undefined) c.add(snake, `is given twice (as ${snake} and ${camel})`);
    out[camel] = c.optionalText(doc[snake] ?? doc[camel], doc[snake] !== undefined ? snake : camel);
  }
  return out;
}

/** Reads `{start, end}`; both instants need a zone, and end must come after start. */
export function readWindow(c: FieldChecks, raw: unknown, path: string): TimeWindow | undefined {
  const w = c.record(raw, path);
  if (!w) return undefined;
  c.knownKeys(w, ['start', 'end'], path);
  const start = parseInstant(w.start);
  const end = parseInstant(w.end);
  const hint = 'must be an ISO-8601 time with a zone, e.g. 2026-12-01T22:00:00Z';
  if (start === undefined) c.add(`${path}.start`, w.start === undefined ? 'is required' : hint);
  if (end === undefined) c.add(`${path}.end`, w.end === undefined ? 'is required' : hint);
  if (start === undefined || end === undefined) return undefined;
  if (end <= start) {
    c.add(`${path}.end`, `must be after ${path}.start`);
    return undefined;
  }
  return { start: toIso(start), end: toIso(end) };
}

/** Checks the shape of a plan; the model (classes, schemas) is checked when it is applied. */
export function readPlan(c: FieldChecks, raw: unknown, path: string): DesiredState {
  const plan: DesiredState = { cis: [], relations: [] };
  if (raw === undefined || raw === null) {
    c.add(path, 'is required: the desired state of the CIs the change touches');
    return plan;
  }
  const doc = c.record(raw, path);
  if (!doc) return plan;
  c.knownKeys(doc, ['cis', 'relations', 'classes', 'relationTypes', 'delete'], path);
  if (doc.classes !== undefined || doc.relationTypes !== undefined) {
    c.add(path, 'may not define classes or relationship types: apply those with `cairn class apply`');
  }
  const cis = doc.cis ?? [];
  const relations = doc.relations ?? [];
  if (!Array.isArray(cis)) c.add(`${path}.cis`, 'must be a list');
  else cis.forEach((ci, i) => readCi(c, ci, `${path}.cis[${i}]`, plan.cis));
  if (!Array.isArray(relations)) c.add(`${path}.relations`, 'must be a list');
  else relations.forEach((r, i) => readRelation(c, r, `${path}.relations[${i}]`, plan.relations));
  if (doc.delete !== undefined) readDeletes(c, doc.delete, `${path}.delete`, plan);
  const deletes = (plan.delete?.cis?.length ?? 0) + (plan.delete?.relations?.length ?? 0);
  if (plan.cis.length === 0 && plan.relations.length === 0 && deletes === 0 && c.errors.length === 0) {
    c.add(path, 'must change at least one CI or relationship');
  }
  return plan;
}

/** `delete: { cis: [class/name, …], relations: [{ type, from, to }, …] }`: what the plan ends. */
function readDeletes(c: FieldChecks, raw: unknown, path: string, plan: DesiredState): void {
  const d = c.record(raw, path);
  if (!d) return;
  c.knownKeys(d, ['cis', 'relations'], path);
  const cis = d.cis === undefined ? [] : c.textList(d.cis, `${path}.cis`);
  cis.forEach((ref, i) => {
    if (parseRef(ref) === undefined) c.add(`${path}.cis[${i}]`, 'must be a CI reference class/name');
  });
  const relations: DesiredRelation[] = [];
  if (d.relations !== undefined && !Array.isArray(d.relations)) c.add(`${path}.relations`, 'must be a list');
  else if (Array.isArray(d.relations)) d.relations.forEach((r, i) => readRelation(c, r, `${path}.relations[${i}]`, relations));
  if (cis.length > 0 || relations.length > 0) plan.delete = { cis, relations };
}

function readCi(c: FieldChecks, raw: unknown, path: string, out: DesiredCi[]): void {
  const ci = c.record(raw, path);
  if (!ci) return;
  c.knownKeys(ci, ['class', 'name', 'status', 'attributes', 'labels'], path);
  const cls = c.text(ci.class, `${path}.class`);
  const name = c.text(ci.name, `${path}.name`);
  if (cls?.includes('/')) c.add(`${path}.class`, 'may not contain a slash');
  const item: DesiredCi = { class: cls ?? '', name: name ?? '' };
  if (ci.status !== undefined) item.status = c.text(ci.status, `${path}.status`) ?? '';
  if (ci.attributes !== undefined) item.attributes = c.record(ci.attributes, `${path}.attributes`) ?? {};
  if (ci.labels !== undefined) {
    const labels = c.record(ci.labels, `${path}.labels`) ?? {};
    for (const [k, v] of Object.entries(labels)) {
      if (v !== null && typeof v !== 'string') c.add(`${path}.labels.${k}`, 'must be a string, or null to remove it');
    }
    item.labels = labels as Record<string, string | null>;
  }
  out.push(item);
}

function readRelation(c: FieldChecks, raw: unknown, path: string, out: DesiredRelation[]): void {
  const r = c.record(raw, path);
  if (!r) return;
  c.knownKeys(r, ['type', 'from', 'to', 'attributes'], path);
  const type = c.text(r.type, `${path}.type`);
  const ends = (['from', 'to'] as const).map((end) => {
    const ref = c.text(r[end], `${path}.${end}`);
    if (ref !== undefined && parseRef(ref) === undefined) c.add(`${path}.${end}`, 'must be a CI reference class/name');
    return ref ?? '';
  });
  const item: DesiredRelation = { type: type ?? '', from: ends[0] ?? '', to: ends[1] ?? '' };
  if (r.attributes !== undefined && isRecord(r.attributes)) item.attributes = r.attributes;
  else if (r.attributes !== undefined) c.add(`${path}.attributes`, 'must be a mapping (key: value)');
  out.push(item);
}
