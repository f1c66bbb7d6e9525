import type { FieldError } from '../shared/errors.js';
import { schemaErrors } from '../shared/document-schema.js';
import { checkItemLimits } from '../shared/limits.js';
import { runPaced, runThrough, SLICE, type Steps } from '../shared/pace.js';
import {
  collectTextProblems,
  holdsTextProblem,
  holdsTextProblemPaced,
  textProblemWalk,
} from '../shared/well-formed-text.js';
import type { DesiredState } from './desired-state.js';
import { isSoundItem } from './sound-item.js';
import { DesiredCiDocument, DesiredRelationDocument, DesiredStateDocument } from './desired-state.schema.js';

/**
 * Checks that a parsed document has the shape of a desired-state document (desired-state.schema.ts)
 * and that its attributes hold only JSON values, and returns it typed. Unknown fields are errors,
 * not ignored: a typo must not silently drop data.
 */
export function checkDocumentShape(doc: unknown, errors: FieldError[]): DesiredState {
  return runThrough(documentShapeSteps(doc, errors));
}

/** checkDocumentShape for a server: the same checks, letting other requests in along the way. */
export function checkDocumentShapePaced(doc: unknown, errors: FieldError[]): Promise<DesiredState> {
  return runPaced(documentShapeSteps(doc, errors));
}

function* documentShapeSteps(doc: unknown, errors: FieldError[]): Steps<DesiredState> {
  // The limits first: the checks below walk attribute values, which must be bounded before that.
  if (overLimits(doc, errors)) return { cis: [], relations: [] };
  const schemaFound = schemaErrors(DesiredStateDocument, doc);
  yield;
  const text: FieldError[] = [];
  if (yield* holdsTextProblemPaced(doc)) yield* textProblemWalk(doc, '', text);
  const found = mergeTextProblems(schemaFound, text);
  errors.push(...found);
  if (found.length > 0 || !isObject(doc)) return { cis: [], relations: [] };
  const d = doc as DesiredStateDocument;
  const lists: [{ attributes?: unknown }[], string][] = [
    [d.cis ?? [], 'cis'],
    [d.relations ?? [], 'relations'],
    [d.delete?.relations ?? [], 'delete.relations'],
  ];
  for (const [list, name] of lists)
    for (let i = 0; i < list.length; i++) {
      if (i > 0 && i % SLICE === 0) yield;
      checkJsonValues(list[i]!.attributes, `${name}[${i}].attributes`, errors);
    }
  const out = { cis: d.cis ?? [], relations: d.relations ?? [] } as DesiredState;
  if (d.classes) out.classes = d.classes as DesiredState['classes'];
  if (d.relationTypes) out.relationTypes = d.relationTypes as DesiredState['relationTypes'];
  if (d.delete)
    out.delete = { cis: d.delete.cis ?? [], relations: (d.delete.relations ?? []) as DesiredState['relations'] };
  return out;
}

/** Checks one CI of a document, an import or an observation, with paths under `path`. */
export function checkCi(ci: unknown, path: string, errors: FieldError[]): void {
  checkItem(DesiredCiDocument, ci, path, errors);
}

/** Checks one relationship of a document or an import, with paths under `path`. */
export function checkRelation(rel: unknown, path: string, errors: FieldError[]): void {
  checkItem(DesiredRelationDocument, rel, path, errors);
}

function checkItem(
  schema: typeof DesiredCiDocument | typeof DesiredRelationDocument,
  item: unknown,
  path: string,
  errors: FieldError[],
): void {
  // A sound item (nearly every one) is told in one walk for the limits, its text and its JSON
  // values; only the schema can still find something. Any other goes through each check in turn.
  if (isSoundItem(item)) {
    for (const e of schemaErrors(schema, item, path)) errors.push(e.path === '(document)' ? { ...e, path } : e);
    return;
  }
  if (checkItemLimits(item, path, errors)) return;
  const found = withTextProblems(schemaErrors(schema, item, path), item, path);
  // An item read alone (an import's line) has no path of its own: its errors name only the field.
  for (const e of found) errors.push(e.path === '(document)' ? { ...e, path } : e);
  if (found.length === 0)
    checkJsonValues(
      (item as { attributes?: unknown }).attributes,
      path === '' ? 'attributes' : `${path}.attributes`,
      errors,
    );
}

/** Checks every item of a document against the input limits (shared/limits.ts); true when one is over. */
function overLimits(doc: unknown, errors: FieldError[]): boolean {
  if (!isObject(doc)) return false;
  const lists: [unknown, string][] = [
    [doc.cis, 'cis'],
    [doc.relations, 'relations'],
    [isObject(doc.delete) ? doc.delete.relations : undefined, 'delete.relations'],
  ];
  let over = false;
  for (const [list, name] of lists)
    if (Array.isArray(list)) list.forEach((item, i) => (over = checkItemLimits(item, `${name}[${i}]`, errors) || over));
  return over;
}

/**
 * Adds to the schema's errors the text that cannot be stored as sent (a lone surrogate, a NUL) in
 * any string of the item, names, labels and attributes alike, skipping fields the schema already
 * named (its rules on names and labels refuse control characters too).
 */
function withTextProblems(found: FieldError[], value: unknown, path: string): FieldError[] {
  if (!holdsTextProblem(value)) return found;
  const text: FieldError[] = [];
  collectTextProblems(value, path, text);
  return mergeTextProblems(found, text);
}

function mergeTextProblems(found: FieldError[], text: FieldError[]): FieldError[] {
  const named = new Set(found.map((e) => e.path));
  return [...found, ...text.filter((e) => !named.has(e.path))];
}

/** Attributes hold JSON values only: what JSON (and PostgreSQL's jsonb) cannot hold faithfully is refused. */
function checkJsonValues(value: unknown, path: string, errors: FieldError[]): void {
  if (value === undefined || value === null) return;
  // Paths are spelled out only for a value that holds something bad: building one per key of
  // every item was a good part of an import's checking.
  if (!holdsBadJson(value)) return;
  const bad = findBadJson(value, path);
  if (bad) errors.push(bad);
}

/** Whether findBadJson would find something (a value JSON cannot hold faithfully), without building paths. */
export function holdsBadJson(value: unknown): boolean {
  switch (typeof value) {
    case 'boolean':
      return false;
    case 'string':
      return value.includes('\u0000');
    case 'number':
      return !Number.isFinite(value);
    case 'object':
      if (value === null || value instanceof Date) return false;
      if (Array.isArray(value)) {
        // Holes too (findBadJson names them), which Array.prototype.some would skip.
        for (let i = 0; i < value.length; i++) if (holdsBadJson(value[i])) return true;
        return false;
      }
      for (const k in value) {
        if (!Object.hasOwn(value, k)) continue;
        if (k.includes('\u0000') || holdsBadJson((value as Record<string, unknown>)[k])) return true;
      }
      return false;
    case 'bigint':
    case 'function':
    case 'symbol':
    case 'undefined':
      return true;
  }
}

function findBadJson(value: unknown, path: string): FieldError | undefined {
  if (value === null || typeof value === 'boolean') return undefined;
  if (typeof value === 'string')
    return value.includes('\u0000') ? { path, message: 'must not contain NUL characters' } : undefined;
  if (typeof value === 'number')
    return Number.isFinite(value) ? undefined : { path, message: 'must be a finite number' };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = findBadJson(value[i], `${path}[${i}]`);
      if (bad) return bad;
    }
    return undefined;
  }
  if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes('\u0000')) return { path, message: 'has a key with a NUL character' };
      const bad = findBadJson(v, `${path}.${k}`);
      if (bad) return bad;
    }
    return undefined;
  }
  if (value instanceof Date) return undefined;
  return { path, message: `holds a ${typeof value}, which is not a JSON value` };
}

/** True for a plain mapping (not a list, null or a Date). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}
