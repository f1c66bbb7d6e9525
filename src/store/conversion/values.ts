/**
 * Column values as the two drivers return them. JSON and time columns are written as text on both
 * engines (see column-types.ts); these read them back into one shape.
 */

/** PostgreSQL returns jsonb parsed; SQLite returns the text we stored. */
export function readJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
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
