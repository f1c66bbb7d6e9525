import fc from 'fast-check';
import { deepValue, hostileJson, hostileNumber, hostileString } from './hostile-values.js';

/** A JSON Schema node as the OpenAPI document gives it (TypeBox output, `$ref`s into components). */
export type Schema = Record<string, unknown>;

/**
 * Values shaped by a schema, with hostile leaves and, now and then, a hostile value of any type
 * in place of a node: a fuzzer that reaches past the schema check (close to valid input) as
 * well as one that tests it (wrong types, missing and unknown fields).
 */
export function fromSchema(
  schema: Schema | undefined,
  resolve: (ref: string) => Schema,
  depth = 0,
): fc.Arbitrary<unknown> {
  const shaped = shapedBy(schema, resolve, depth);
  return fc.oneof(
    { weight: 6, arbitrary: shaped },
    { weight: 1, arbitrary: hostileJson },
    { weight: depth === 2 ? 1 : 0, arbitrary: deepValue },
  );
}

function shapedBy(schema: Schema | undefined, resolve: (ref: string) => Schema, depth: number): fc.Arbitrary<unknown> {
  if (!schema || depth > 5) return hostileJson;
  if (typeof schema.$ref === 'string') return shapedBy(resolve(schema.$ref), resolve, depth);
  const alternatives = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (alternatives && alternatives.length > 0)
    return fc.oneof(...alternatives.map((s) => fromSchema(s, resolve, depth + 1)));
  if (Array.isArray(schema.allOf) && schema.allOf.length > 0)
    return fromSchema(schema.allOf[0] as Schema, resolve, depth + 1);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.oneof(fc.constantFrom(...(schema.enum as unknown[])), hostileString);
  const type = Array.isArray(schema.type) ? (schema.type[0] as string) : (schema.type as string | undefined);
  switch (type) {
    case 'object': {
      const props = (schema.properties ?? {}) as Record<string, Schema>;
      const required = new Set((schema.required ?? []) as string[]);
      const keys = Object.keys(props);
      const known = fc.record(Object.fromEntries(keys.map((k) => [k, fromSchema(props[k], resolve, depth + 1)])), {
        requiredKeys: keys.filter((k) => required.has(k)),
      });
      const extra = fc.dictionary(hostileString, hostileJson, { maxKeys: 2 });
      return fc.tuple(known, extra, fc.nat(9)).map(([k, e, r]) => (r === 0 ? { ...e, ...k } : r === 1 ? e : k));
    }
    case 'array':
      return fc.array(fromSchema(schema.items as Schema | undefined, resolve, depth + 1), { maxLength: 4 });
    case 'string':
      return hostileString;
    case 'integer':
    case 'number':
      return hostileNumber;
    case 'boolean':
      return fc.oneof(fc.boolean(), hostileJson);
    case undefined:
    default:
      return hostileJson;
  }
}

/** A query or path value: hostile text, a number written oddly, or absent. */
export const hostileParam: fc.Arbitrary<string> = fc.oneof(
  hostileString.filter((s) => s.length < 5_000),
  hostileNumber.map(String),
);
