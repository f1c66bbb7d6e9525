import { DEFAULT_CLASSES } from '../../core/model/default-model.js';
import { InputError } from '../../core/shared/errors.js';
import { isRecord } from './infra-json.js';
import { CLASS_NAME, type StateBuilder } from './infra-state-builder.js';

const DEFAULT_CLASS_NAMES = new Set(DEFAULT_CLASSES.map((c) => c.name));

export interface ClassMappingSpec {
  /** The importer's format word, used in messages. */
  format: string;
  /** Input kinds whose class may be overridden, or a test every key must pass. */
  kinds: readonly string[] | ((key: string) => boolean);
  /** What a kind is called in messages: `Kubernetes kind`, `resource type`, … */
  kindWord: string;
  /** Top-level mapping keys the importer understands besides `classes`. */
  otherKeys?: readonly string[];
}

function mappingError(format: string, sentence: string): InputError {
  return new InputError('IMPORT_MAPPING_INVALID', `${format} mapping: ${sentence}`);
}

/**
 * Reads `options.mapping.classes` (input kind → class name) and checks the whole mapping for keys
 * the importer does not understand. A mistake in a mapping is the user's configuration, not a bad
 * record, so it throws an InputError with the sentence to show instead of becoming an issue.
 */
export function readClassOverrides(
  spec: ClassMappingSpec,
  mapping: Record<string, unknown> | undefined,
): Map<string, string> {
  const overrides = new Map<string, string>();
  if (mapping === undefined) return overrides;
  const allowed = ['classes', ...(spec.otherKeys ?? [])];
  for (const key of Object.keys(mapping)) {
    if (!allowed.includes(key)) {
      throw mappingError(spec.format, `unknown key "${key}"; the keys understood are ${allowed.join(', ')}`);
    }
  }
  const classes = mapping['classes'];
  if (classes === undefined) return overrides;
  if (!isRecord(classes)) throw mappingError(spec.format, '"classes" must be a map from input kind to class name');
  for (const [kind, className] of Object.entries(classes)) {
    const known = typeof spec.kinds === 'function' ? spec.kinds(kind) : spec.kinds.includes(kind);
    if (!known) {
      const list = typeof spec.kinds === 'function' ? '' : `; known: ${spec.kinds.join(', ')}`;
      throw mappingError(spec.format, `classes.${kind}: unknown ${spec.kindWord} "${kind}"${list}`);
    }
    if (typeof className !== 'string' || !CLASS_NAME.test(className) || className.length > 64) {
      throw mappingError(
        spec.format,
        `classes.${kind} must be a class name of lower-case letters, digits and _ starting with a letter (at most 64 characters)`,
      );
    }
    overrides.set(kind, className);
  }
  return overrides;
}

/** Reads an optional string-valued mapping key, throwing when it has another type. */
export function readMappingString(
  format: string,
  mapping: Record<string, unknown> | undefined,
  key: string,
): string | undefined {
  const value = mapping?.[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') throw mappingError(format, `"${key}" must be a non-empty string`);
  return value;
}

/** Reads an optional map of strings from the mapping (e.g. variables), throwing when malformed. */
export function readMappingStrings(
  format: string,
  mapping: Record<string, unknown> | undefined,
  key: string,
): Map<string, string> {
  const out = new Map<string, string>();
  const value = mapping?.[key];
  if (value === undefined) return out;
  if (!isRecord(value)) throw mappingError(format, `"${key}" must be a map of names to strings`);
  for (const [name, item] of Object.entries(value)) {
    if (typeof item !== 'string' && typeof item !== 'number' && typeof item !== 'boolean') {
      throw mappingError(format, `${key}.${name} must be a string`);
    }
    out.set(name, String(item));
  }
  return out;
}

/**
 * Declares, in the output, a class that a mapping override introduced: when it is not one of the
 * default model's classes it becomes a child of the class the importer would have used, so that
 * everything said about the default class still holds for it.
 */
export function declareOverrideClass(
  builder: StateBuilder,
  className: string,
  defaultClass: string,
  what: string,
): void {
  if (DEFAULT_CLASS_NAMES.has(className) || className === defaultClass) return;
  builder.addClass({
    name: className,
    parent: defaultClass,
    description: `${what} (class chosen by the import mapping).`,
  });
}
