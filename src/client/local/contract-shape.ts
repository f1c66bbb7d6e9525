import type { Static, TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

/**
 * A core result in the shape the API gives it: the server writes a response through its contract
 * schema (fast-json-stringify), which writes an object's required properties first, then its
 * optional ones, each group in schema order, then — only where the schema allows more — the
 * others in their own order, and drops everything else. The in-process client shapes its results
 * the same way, so that both transports print the same bytes, whatever order the core built an
 * object in.
 */
export function inContractShape<T extends TSchema>(schema: T, value: unknown): Static<T> {
  return shape(schema, value);
}

interface SchemaNode {
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  required?: string[];
  additionalProperties?: boolean | SchemaNode;
  patternProperties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  default?: unknown;
}

function shape(schema: SchemaNode, value: unknown): unknown {
  if (value === undefined || value === null) return value;
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return shape(variantOf(variants, value), value);
  if (Array.isArray(value)) return schema.items ? value.map((v) => shape(schema.items!, v)) : value;
  if (
    typeof value === 'object' &&
    (schema.properties || schema.patternProperties || schema.additionalProperties !== undefined)
  )
    return shapeObject(schema, value as Record<string, unknown>);
  return value;
}

/** The variant the serializer would pick: the first the value is valid against (null first for null). */
function variantOf(variants: SchemaNode[], value: unknown): SchemaNode {
  const candidates = variants.filter((v) => v.type !== 'null');
  if (candidates.length === 1) return candidates[0]!;
  return candidates.find((v) => Value.Check(v as TSchema, value)) ?? {};
}

function shapeObject(schema: SchemaNode, value: Record<string, unknown>): Record<string, unknown> {
  const properties = schema.properties ?? {};
  const required = schema.required ?? [];
  const keys = Object.keys(properties);
  const ordered = [...keys.filter((k) => required.includes(k)), ...keys.filter((k) => !required.includes(k))];
  const out: Record<string, unknown> = {};
  for (const key of ordered) {
    const v = value[key];
    if (v !== undefined) out[key] = shape(properties[key]!, v);
    else if (properties[key]!.default !== undefined) out[key] = properties[key]!.default;
    else if (required.includes(key)) throw new Error(`"${key}" is required!`);
  }
  const patterns = Object.entries(schema.patternProperties ?? {}).map(([p, s]) => [new RegExp(p), s] as const);
  const extra = schema.additionalProperties;
  if (patterns.length === 0 && (extra === undefined || extra === false)) return out;
  for (const [key, v] of Object.entries(value)) {
    if (Object.hasOwn(properties, key) || v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    const pattern = patterns.find(([re]) => re.test(key));
    if (pattern) out[key] = shape(pattern[1], v);
    else if (extra === true) out[key] = v;
    else if (extra !== undefined && extra !== false) out[key] = shape(extra, v);
  }
  return out;
}
