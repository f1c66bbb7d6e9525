import { InputError, describeFieldErrors, type FieldError } from './errors.js';

/**
 * Collects field errors while a YAML/JSON document is read, so that a user sees every mistake in
 * one go rather than one per run. Used by the change.yaml and policy.yaml validators.
 */
export class FieldChecks {
  readonly errors: FieldError[] = [];

  add(path: string, message: string): void {
    this.errors.push({ path, message });
  }

  /** Throws one InputError naming every field when anything was wrong. */
  throwIfAny(code: string, summary: string): void {
    if (this.errors.length > 0) throw new InputError(code, describeFieldErrors(summary, this.errors), this.errors);
  }

  /** Returns the value as a record, or records an error and returns undefined. */
  record(value: unknown, path: string): Record<string, unknown> | undefined {
    if (isRecord(value)) return value;
    this.add(path, 'must be a mapping (key: value)');
    return undefined;
  }

  /** Reports keys outside `allowed`: a misspelt key is a mistake, not something to ignore. */
  knownKeys(obj: Record<string, unknown>, allowed: readonly string[], path: string): void {
    for (const key of Object.keys(obj)) {
      if (!allowed.includes(key))
        this.add(join(path, key), `is not a known field (expected one of ${allowed.join(', ')})`);
    }
  }

  /** A required non-empty string. */
  text(value: unknown, path: string): string | undefined {
    if (typeof value === 'string' && value.trim() !== '') return value;
    this.add(path, value === undefined ? 'is required' : 'must be a non-empty string');
    return undefined;
  }

  /** An optional string; empty when absent. */
  optionalText(value: unknown, path: string): string {
    if (value === undefined || value === null) return '';
    if (typeof value === 'string') return value;
    this.add(path, 'must be a string');
    return '';
  }

  /** One of the listed words. */
  oneOf<T extends string>(value: unknown, allowed: readonly T[], path: string): T | undefined {
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    this.add(
      path,
      value === undefined ? `is required (one of ${allowed.join(', ')})` : `must be one of ${allowed.join(', ')}`,
    );
    return undefined;
  }

  /** A list of non-empty strings; a single string is accepted as a list of one. */
  textList(value: unknown, path: string): string[] {
    const list = typeof value === 'string' ? [value] : value;
    if (!Array.isArray(list)) {
      this.add(path, 'must be a list of strings');
      return [];
    }
    const out: string[] = [];
    list.forEach((item, i) => {
      if (typeof item === 'string' && item !== '') out.push(item);
      else this.add(`${path}[${i}]`, 'must be a non-empty string');
    });
    return out;
  }
}

/** True for a plain object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** Joins a path and a key: `plan` + `cis` → `plan.cis`. */
export function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}
