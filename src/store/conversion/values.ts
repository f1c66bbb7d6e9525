/**
 * Column values as the two drivers return them. JSON and time columns are written as text on both
 * engines (see column-types.ts); these read them back into one shape.
 */

/** PostgreSQL returns jsonb parsed; SQLite returns the text we stored. */
export function readJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/** Longest JSON text `jsonInterner` keeps: labels and small attribute sets, not whole CIs. */
const INTERNED_TEXT = 96;

/**
 * `readJson` that parses each distinct text once and answers the same object for equal texts, for
 * one read of many versions (a diff's): labels repeat across versions, and a field a version did
 * not change keeps its text, so comparing two of them finds the same object at once. Callers must
 * not change what it returns. Equal texts are equal JSON; unequal texts (and long ones, parsed
 * each time) are still compared value by value.
 */
export function jsonInterner(): <T>(value: unknown) => T {
  const parsed = new Map<string, unknown>();
  return <T>(value: unknown): T => {
    if (typeof value !== 'string') return value as T;
    // Long texts (a CI's attributes) rarely repeat: hashing them as keys costs more than it saves.
    if (value.length > INTERNED_TEXT) return JSON.parse(value) as T;
    let out = parsed.get(value);
    if (out === undefined) {
      out = JSON.parse(value) as unknown;
      parsed.set(value, out);
    }
    return out as T;
  };
}

/** PostgreSQL returns timestamptz as a Date; SQLite returns the ISO text we stored. */
export function readTime(value: Date | string): string {
  return value instanceof Date ? value.toISOString() : value;
}

/** A nullable time column, null kept as null. */
export function readNullableTime(value: Date | string | null): string | null {
  return value === null ? null : readTime(value);
}

/** A nullable time column for an optional domain field: null becomes absent. */
export function readOptionalTime(value: Date | string | null): string | undefined {
  return value === null ? undefined : readTime(value);
}
