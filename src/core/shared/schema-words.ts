import {
  Type,
  type ArrayOptions,
  type ObjectOptions,
  type TProperties,
  type TRecord,
  type TString,
  type TSchema,
  type TUnsafe,
} from '@sinclair/typebox';

/**
 * The building blocks of the document schemas, each with the message a person reads when a
 * value does not fit (see schema-errors.ts for the `x-` annotations).
 */

/**
 * A mapping of any keys to values of one schema: `Type.Record(Type.String(), value)` with a key
 * pattern that matches every key. TypeBox writes the record's keys as `^(.*)$`, and `.` matches no
 * line terminator: a key holding `\n`, `\r`, U+2028 or U+2029 escaped its value's check (Ajv)
 * and was left out of every answer a response schema writes (fast-json-stringify drops a key no
 * pattern matches). `[\s\S]` matches every character; the static type stays the record's.
 */
export function KeyedBy<T extends TSchema>(value: T, options: ObjectOptions = {}): TRecord<TString, T> {
  const record = Type.Record(Type.String(), value, options);
  const { [STRING_KEYS]: keys, ...rest } = record.patternProperties;
  if (keys === undefined || Object.keys(rest).length > 0) throw new Error('unexpected record schema from TypeBox');
  return { ...record, patternProperties: { [ANY_KEY]: keys } };
}

/** TypeBox's key pattern for `Type.String()` keys, and one that matches every key. */
const STRING_KEYS = '^(.*)$';
const ANY_KEY = '^[\\s\\S]*$';

/** A mapping whose keys are all listed: a misspelt key is a mistake, not something to ignore. */
export function Fields<T extends TProperties>(properties: T, options: ObjectOptions = {}) {
  return Type.Object(properties, { additionalProperties: false, ...options });
}

/** A string with at least one character that is not a space. */
export function NonEmptyText(options: Record<string, unknown> = {}) {
  return Type.String({ pattern: '\\S', 'x-message': 'must be a non-empty string', ...options });
}

/** Free text; null (an empty YAML value) stands for none. */
export const OptionalText = Type.Union([Type.String(), Type.Null()], { 'x-message': 'must be a string' });

/** One of a fixed list of words. */
export function Word<const T extends readonly string[]>(
  words: T,
  options: Record<string, unknown> = {},
): TUnsafe<T[number]> {
  return Type.Unsafe<T[number]>({
    type: 'string',
    enum: [...words],
    'x-message': `must be one of ${words.join(', ')}`,
    ...options,
  });
}

/** A list of values; one value alone is read as a list of one (`type: normal`, `type: [normal, emergency]`). */
export function ListOf<T extends TSchema>(item: T, message: string) {
  return Type.Union([item, Type.Array(item)], { 'x-message': message });
}

/** An optional list; null (a key left empty in YAML, `freeze:`) reads as no items. */
export function ListOrNone<T extends TSchema>(item: T, options: ArrayOptions = {}) {
  return Type.Optional(Type.Union([Type.Array(item, options), Type.Null()], { 'x-message': 'must be a list' }));
}

/** A list of non-empty strings, or one string. */
export const TextList = ListOf(NonEmptyText(), 'must be a list of strings');

/** A mapping of anything: attributes, whose shape the class's own schema gives. */
export const AnyMapping = KeyedBy(Type.Unknown(), { 'x-message': 'must be a mapping (key: value)' });

/** A `class/name` reference to a CI. */
export const CiRefText = Type.String({ pattern: '^[^/]+/.+$', 'x-message': 'must be a CI reference class/name' });

/** Reads a `ListOf` value as a list. */
export function asList<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
