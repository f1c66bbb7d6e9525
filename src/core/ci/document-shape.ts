import type { FieldError } from '../shared/errors.js';
import type { DesiredState } from './desired-state.js';

const CI_KEYS = new Set(['class', 'name', 'status', 'attributes', 'labels', 'id', 'revision']);
const RELATION_KEYS = new Set(['type', 'from', 'to', 'attributes', 'id', 'revision']);
const DOC_KEYS = new Set(['cis', 'relations', 'classes', 'relationTypes', 'delete']);
export const MAX_NAME_LENGTH = 255;

/**
 * Checks that a parsed document has the shape of a desired-state document and returns it typed.
 * Unknown fields are errors, not ignored: a typo must not silently drop data. `id` and `revision`
 * are accepted (export writes them) and ignored.
 */
export function checkDocumentShape(doc: unknown, errors: FieldError[]): DesiredState {
  if (!isObject(doc)) {
    errors.push({ path: '(document)', message: 'must be a mapping with `cis` and/or `relations`' });
    return { cis: [], relations: [] };
  }
  for (const key of Object.keys(doc)) if (!DOC_KEYS.has(key)) errors.push({ path: key, message: 'is not a known field (expected cis, relations, classes, relationTypes)' });
  const cis = listAt(doc, 'cis', errors);
  const relations = listAt(doc, 'relations', errors);
  cis.forEach((ci, i) => checkCi(ci, `cis[${i}]`, errors));
  relations.forEach((rel, i) => checkRelation(rel, `relations[${i}]`, errors));
  const classes = doc.classes === undefined ? undefined : listAt(doc, 'classes', errors);
  const relationTypes = doc.relationTypes === undefined ? undefined : listAt(doc, 'relationTypes', errors);
  const del = checkDelete(doc.delete, errors);
  return { cis, relations, classes, relationTypes, ...(del ? { delete: del } : {}) } as DesiredState;
}

function checkDelete(value: unknown, errors: FieldError[]): DesiredState['delete'] {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) {
    errors.push({ path: 'delete', message: 'must be a mapping with `cis` and/or `relations`' });
    return undefined;
  }
  for (const key of Object.keys(value)) if (key !== 'cis' && key !== 'relations') errors.push({ path: `delete.${key}`, message: 'is not a known field (expected cis, relations)' });
  const cis = listAt(value, 'cis', errors, 'delete.');
  cis.forEach((ref, i) => {
    if (!isText(ref) || !ref.includes('/')) errors.push({ path: `delete.cis[${i}]`, message: 'must be a CI reference written class/name' });
  });
  const relations = listAt(value, 'relations', errors, 'delete.');
  relations.forEach((rel, i) => checkRelation(rel, `delete.relations[${i}]`, errors));
  return { cis: cis as string[], relations: relations as DesiredState['relations'] };
}

export function checkCi(ci: unknown, path: string, errors: FieldError[]): void {
  if (!isObject(ci)) {
    errors.push({ path, message: 'must be a mapping with class and name' });
    return;
  }
  for (const key of Object.keys(ci)) if (!CI_KEYS.has(key)) errors.push({ path: `${path}.${key}`, message: 'is not a known CI field (class, name, status, attributes, labels)' });
  requireText(ci, 'class', path, errors);
  requireText(ci, 'name', path, errors);
  if (ci.status !== undefined && ci.status !== null && !isText(ci.status)) errors.push({ path: `${path}.status`, message: 'must be a non-empty string' });
  checkAttributes(ci.attributes, `${path}.attributes`, errors);
  if (ci.labels !== undefined && ci.labels !== null) {
    if (!isObject(ci.labels)) errors.push({ path: `${path}.labels`, message: 'must be a mapping of label names to strings' });
    else {
      for (const [k, v] of Object.entries(ci.labels)) {
        if (k === '' || hasNul(k)) errors.push({ path: `${path}.labels`, message: 'has an empty or invalid label name' });
        else if (v !== null && typeof v !== 'string') errors.push({ path: `${path}.labels.${k}`, message: 'must be a string (or null to remove it)' });
        else if (typeof v === 'string' && hasNul(v)) errors.push({ path: `${path}.labels.${k}`, message: 'must not contain NUL characters' });
      }
    }
  }
}

export function checkRelation(rel: unknown, path: string, errors: FieldError[]): void {
  if (!isObject(rel)) {
    errors.push({ path, message: 'must be a mapping with type, from and to' });
    return;
  }
  for (const key of Object.keys(rel)) if (!RELATION_KEYS.has(key)) errors.push({ path: `${path}.${key}`, message: 'is not a known relationship field (type, from, to, attributes)' });
  requireText(rel, 'type', path, errors);
  for (const end of ['from', 'to'] as const) {
    const v = rel[end];
    if (!isText(v) || !v.includes('/')) errors.push({ path: `${path}.${end}`, message: 'must be a CI reference written class/name' });
  }
  checkAttributes(rel.attributes, `${path}.attributes`, errors);
}

function checkAttributes(value: unknown, path: string, errors: FieldError[]): void {
  if (value === undefined || value === null) return;
  if (!isObject(value)) {
    errors.push({ path, message: 'must be a mapping' });
    return;
  }
  const bad = findBadJson(value, path);
  if (bad) errors.push(bad);
}

/** Finds values that JSON (and PostgreSQL's jsonb) cannot hold faithfully. */
function findBadJson(value: unknown, path: string): FieldError | undefined {
  if (value === null || typeof value === 'boolean') return undefined;
  if (typeof value === 'string') return hasNul(value) ? { path, message: 'must not contain NUL characters' } : undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : { path, message: 'must be a finite number' };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = findBadJson(value[i], `${path}[${i}]`);
      if (bad) return bad;
    }
    return undefined;
  }
  if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (hasNul(k)) return { path, message: 'has a key with a NUL character' };
      const bad = findBadJson(v, `${path}.${k}`);
      if (bad) return bad;
    }
    return undefined;
  }
  if (value instanceof Date) return undefined;
  return { path, message: `holds a ${typeof value}, which is not a JSON value` };
}

function requireText(obj: Record<string, unknown>, key: string, path: string, errors: FieldError[]): void {
  const v = obj[key];
  if (!isText(v)) errors.push({ path: `${path}.${key}`, message: v === undefined ? 'is required' : 'must be a non-empty string' });
  else if (v.length > MAX_NAME_LENGTH) errors.push({ path: `${path}.${key}`, message: `must be at most ${MAX_NAME_LENGTH} characters` });
  else if (hasControlCharacter(v)) errors.push({ path: `${path}.${key}`, message: 'must not contain control characters' });
}

/** The list at `key`; `prefix` is where `doc` sits in the document (`delete.`), for the error's path. */
function listAt(doc: Record<string, unknown>, key: string, errors: FieldError[], prefix = ''): unknown[] {
  const v = doc[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) {
    errors.push({ path: `${prefix}${key}`, message: 'must be a list' });
    return [];
  }
  return v;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

function isText(v: unknown): v is string {
  return typeof v === 'string' && v.trim() !== '';
}

function hasNul(s: string): boolean {
  return s.includes('\u0000');
}

function hasControlCharacter(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) < 0x20) return true;
  return false;
}
