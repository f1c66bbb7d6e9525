import type { FieldError } from './errors.js';

/** What this needs of an Ajv error (Ajv's own, or Fastify's, compiled with `verbose: true`). */
interface SchemaError {
  keyword: string;
  instancePath: string;
  schemaPath: string;
  params: Record<string, unknown>;
  message?: string;
  schema?: unknown;
  parentSchema?: unknown;
  data?: unknown;
}

/**
 * Turns Ajv's errors into Cairn's field errors: a path written the way the document is
 * (`plan.cis[0].class`, `(document)` for the whole) and a message that names the problem in
 * words. A schema says how its failures read with three annotations:
 * - `x-message`: what any failure of this value says, e.g. "must be a non-empty string";
 * - `x-required`: on a property, what its absence says (default "is required");
 * - `x-unknown`: on an object, what an unknown key says (default: the list of known keys).
 * Otherwise a plain sentence is made from Ajv's keyword. One error is kept per field: the first.
 */
export function fieldErrorsOf(errors: readonly SchemaError[], root = ''): FieldError[] {
  const shown = errors.filter((e) => !hiddenByUnion(e, errors));
  const out: FieldError[] = [];
  const seen = new Set<string>();
  for (const e of shown) {
    const field = fieldErrorOf(e, root);
    if (seen.has(field.path)) continue;
    seen.add(field.path);
    out.push(field);
  }
  return out;
}

type Schema = Record<string, unknown>;

function fieldErrorOf(e: SchemaError, root: string): FieldError {
  const parent = (e.parentSchema ?? {}) as Schema;
  const path = pathOf(root, e.instancePath);
  if (e.keyword === 'required') {
    const key = (e.params as { missingProperty: string }).missingProperty;
    const property = (parent.properties as Record<string, Schema> | undefined)?.[key];
    return { path: join(path, key), message: text(property?.['x-required']) ?? 'is required' };
  }
  if (e.keyword === 'additionalProperties') {
    const key = (e.params as { additionalProperty: string }).additionalProperty;
    const known = Object.keys((parent.properties as Schema | undefined) ?? {});
    return {
      path: join(path, key),
      message: text(parent['x-unknown']) ?? `is not a known field (expected one of ${known.join(', ')})`,
    };
  }
  return { path: path === '' ? '(document)' : path, message: text(parent['x-message']) ?? plainMessage(e) };
}

function plainMessage(e: SchemaError): string {
  const p = e.params;
  switch (e.keyword) {
    case 'type':
      return Array.isArray(p.type) ? fallback(e) : typeMessage(String(p.type));
    case 'enum':
      return `must be one of ${(p.allowedValues as unknown[]).join(', ')}`;
    case 'const':
      return `must be ${String(p.allowedValue)}`;
    case 'minLength':
      return p.limit === 1 ? 'must be a non-empty string' : `must be at least ${String(p.limit)} characters`;
    case 'maxLength':
      return `must be at most ${String(p.limit)} characters`;
    case 'minimum':
      return `must be at least ${String(p.limit)}`;
    case 'maximum':
      return `must be at most ${String(p.limit)}`;
    case 'minItems':
      return `must have at least ${String(p.limit)} item(s)`;
    default:
      return fallback(e);
  }
}

/** Ajv's own sentence, when no plainer one is known. */
function fallback(e: SchemaError): string {
  return e.message ?? 'is not valid';
}

function typeMessage(type: string): string {
  switch (type) {
    case 'object':
      return 'must be a mapping (key: value)';
    case 'array':
      return 'must be a list';
    case 'integer':
      return 'must be a whole number';
    case 'boolean':
      return 'must be true or false';
    default:
      return `must be a ${type}`;
  }
}

/**
 * A union (`anyOf`) fails with an error from every branch. The branch whose type fits the value
 * speaks (a list of words given as a list reports the bad word); when none fits, the union's own
 * `x-message` does, and its branches stay quiet.
 */
function hiddenByUnion(e: SchemaError, errors: readonly SchemaError[]): boolean {
  return (
    errors.some((u) => {
      if (u === e || u.keyword !== 'anyOf' || !e.schemaPath.startsWith(`${u.schemaPath}/`)) return false;
      const branch = fittingBranch(u);
      return branch === undefined || !e.schemaPath.startsWith(`${u.schemaPath}/${branch}/`);
    }) ||
    (e.keyword === 'anyOf' && fittingBranch(e) !== undefined)
  );
}

function fittingBranch(union: SchemaError): number | undefined {
  const branches = (union.schema ?? []) as Schema[];
  const i = branches.findIndex((b) => fits(b, union.data));
  return i < 0 ? undefined : i;
}

function fits(schema: Schema, data: unknown): boolean {
  const type = schema.type ?? (Array.isArray(schema.enum) ? typeof schema.enum[0] : undefined);
  if (type === undefined) return false;
  if (type === 'array') return Array.isArray(data);
  if (type === 'object') return typeof data === 'object' && data !== null && !Array.isArray(data);
  if (type === 'null') return data === null;
  if (type === 'integer') return typeof data === 'number';
  return typeof data === type;
}

/** `plan.cis[0].class` from Ajv's `/plan/cis/0/class`. */
function pathOf(root: string, pointer: string): string {
  let path = root;
  for (const raw of pointer.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    path = /^\d+$/.test(part) ? `${path}[${part}]` : join(path, part);
  }
  return path;
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
