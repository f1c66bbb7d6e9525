import { asRecord } from './plain-json.js';

const CLASS_NAME = /^[a-z][a-z0-9_]*$/;

/** Throws unless `name` is a valid class name (`^[a-z][a-z0-9_]*$`, at most 64 characters). */
export function checkClassName(format: string, where: string, name: unknown): string {
  if (typeof name !== 'string' || !CLASS_NAME.test(name) || name.length > 64) {
    throw new Error(
      `The ${format} mapping gives ${where} the class ${JSON.stringify(name)}: a class name is lower case letters, digits and _, starting with a letter, at most 64 characters.`,
    );
  }
  return name;
}

/** Throws on the first key of `mapping` that is not in `allowed`, naming it. */
export function checkMappingKeys(
  format: string,
  where: string,
  mapping: Record<string, unknown>,
  allowed: readonly string[],
): void {
  for (const key of Object.keys(mapping)) {
    if (!allowed.includes(key)) {
      throw new Error(
        `Unknown key "${key}" in ${where} of the ${format} mapping; expected one of: ${allowed.join(', ')}.`,
      );
    }
  }
}

/** `value` as an object, or a thrown Error naming `where`. */
export function mappingObject(format: string, where: string, value: unknown): Record<string, unknown> {
  const record = asRecord(value);
  if (record === undefined) throw new Error(`${where} of the ${format} mapping must be an object.`);
  return record;
}

/**
 * The class of each input kind: the defaults, overridden by `mapping.classes`. Unknown kinds and
 * invalid class names are thrown as errors naming them.
 */
export function resolveClassMap<K extends string>(
  format: string,
  defaults: Record<K, string>,
  overrides: unknown,
): Record<K, string> {
  const result = { ...defaults };
  if (overrides === undefined) return result;
  const record = mappingObject(format, '"classes"', overrides);
  checkMappingKeys(format, '"classes"', record, Object.keys(defaults));
  for (const [kind, name] of Object.entries(record)) {
    result[kind as K] = checkClassName(format, `"${kind}"`, name);
  }
  return result;
}

/** A boolean mapping option, or a thrown Error naming it. */
export function mappingBoolean(format: string, key: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new Error(`"${key}" in the ${format} mapping must be true or false.`);
  return value;
}
