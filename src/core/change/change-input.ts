import type { DesiredState } from '../ci/desired-state.js';
import { parseInstant, toIso } from '../schedule/time.js';
import type { ChangeType, TimeWindow } from '../lifecycle/change-lifecycle.js';
import { InputError, describeFieldErrors, type FieldError } from '../shared/errors.js';
import { checkShape, type DocumentErrors } from '../shared/document-schema.js';
import { asList } from '../shared/schema-words.js';
import { ChangeDocument, PlanDocument } from './change-document.schema.js';

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

const INVALID = 'change.yaml is not valid';
/** How change.yaml's errors read, in the core and on the API's change routes alike. */
export const CHANGE_DOCUMENT: DocumentErrors = { code: 'CHANGE_INVALID', summary: INVALID };

/**
 * Validates a parsed change.yaml document: its shape (change-document.schema.ts), then the rules
 * across fields. Throws an InputError (`CHANGE_INVALID`) whose field errors name every problem,
 * e.g. `window.end must be after window.start`.
 */
export function validateChangeInput(raw: unknown): ChangeDraft {
  const doc = checkShape(ChangeDocument, raw, 'CHANGE_INVALID', INVALID);
  const errors: FieldError[] = [];
  if (doc.type === 'standard' && doc.template === undefined)
    errors.push({ path: 'template', message: 'is required for a standard change' });
  if (doc.type !== 'standard' && doc.template !== undefined) {
    errors.push({ path: 'template', message: `applies to standard changes only, and this one is ${doc.type}` });
  }
  const texts = readPlanTexts(doc, errors);
  const window = doc.window === undefined ? undefined : readWindow(doc.window, 'window', errors);
  const plan = planOf(doc.plan, 'plan', errors);
  throwIfAny(errors, INVALID);
  const draft: ChangeDraft = {
    type: doc.type,
    title: doc.title.trim(),
    description: doc.description ?? '',
    justification: doc.justification ?? '',
    category: doc.category ?? '',
    ...texts,
    plan,
  };
  if (doc.template !== undefined) draft.template = doc.template;
  if (doc.assignee !== undefined) draft.assignee = doc.assignee;
  if (window !== undefined) draft.window = window;
  return draft;
}

/**
 * Validates a plan alone (`replan`): its shape and its rules, with paths under `root`. Throws an
 * InputError (`CHANGE_INVALID`) with `summary`.
 */
export function validatePlan(raw: unknown, summary: string, root = 'plan'): DesiredState {
  if (raw === undefined || raw === null) {
    const errors = [{ path: root, message: 'is required: the desired state of the CIs the change touches' }];
    throw new InputError('CHANGE_INVALID', describeFieldErrors(summary, errors), errors);
  }
  const doc = checkShape(PlanDocument, raw, 'CHANGE_INVALID', summary, root);
  const errors: FieldError[] = [];
  const plan = planOf(doc, root, errors);
  throwIfAny(errors, summary);
  return plan;
}

function throwIfAny(errors: FieldError[], summary: string): void {
  if (errors.length > 0) throw new InputError('CHANGE_INVALID', describeFieldErrors(summary, errors), errors);
}

function readPlanTexts(
  doc: ChangeDocument,
  errors: FieldError[],
): Pick<ChangeDraft, 'implementationPlan' | 'testPlan' | 'backoutPlan'> {
  const out = { implementationPlan: '', testPlan: '', backoutPlan: '' };
  for (const [snake, camel] of TEXT_FIELDS) {
    if (doc[snake] !== undefined && doc[camel] !== undefined)
      errors.push({ path: snake, message: `is given twice (as ${snake} and ${camel})` });
    out[camel] = doc[snake] ?? doc[camel] ?? '';
  }
  return out;
}

/** Reads `{start, end}`: both instants need a zone, and end must come after start. */
function readWindow(w: { start: unknown; end: unknown }, path: string, errors: FieldError[]): TimeWindow | undefined {
  const start = parseInstant(w.start);
  const end = parseInstant(w.end);
  const hint = 'must be an ISO-8601 time with a zone, e.g. 2026-12-01T22:00:00Z';
  if (start === undefined) errors.push({ path: `${path}.start`, message: hint });
  if (end === undefined) errors.push({ path: `${path}.end`, message: hint });
  if (start === undefined || end === undefined) return undefined;
  if (end <= start) {
    errors.push({ path: `${path}.end`, message: `must be after ${path}.start` });
    return undefined;
  }
  return { start: toIso(start), end: toIso(end) };
}

/** The plan of a document whose shape is checked; the model (classes, schemas) is checked when it is applied. */
function planOf(doc: PlanDocument, path: string, errors: FieldError[]): DesiredState {
  if (doc.classes !== undefined || doc.relationTypes !== undefined) {
    errors.push({
      path,
      message: 'may not define classes or relationship types: apply those with `cairn class apply`',
    });
  }
  const plan: DesiredState = { cis: doc.cis ?? [], relations: doc.relations ?? [] };
  const deletes = { cis: asList(doc.delete?.cis), relations: doc.delete?.relations ?? [] };
  if (deletes.cis.length > 0 || deletes.relations.length > 0) plan.delete = deletes;
  if (plan.cis.length === 0 && plan.relations.length === 0 && plan.delete === undefined && errors.length === 0) {
    errors.push({ path, message: 'must change at least one CI or relationship' });
  }
  return plan;
}
