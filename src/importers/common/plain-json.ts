/**
 * Turns values read from an outside format into plain JSON that Cairn can store: no
 * `undefined`, no NaN or Infinity, no NUL characters, no class instances.
 */

const NUL = String.fromCharCode(0);

/** A string without NUL characters (PostgreSQL text cannot hold them). */
export function cleanString(text: string): string {
  return text.includes(NUL) ? text.split(NUL).join('') : text;
}

/** The plain-JSON form of `value`, or undefined when nothing of it can be kept. */
export function plainJson(value: unknown): unknown {
  if (value === null) return null;
  switch (typeof value) {
    case 'string':
      return cleanString(value);
    case 'number':
      return Number.isFinite(value) ? value : undefined;
    case 'boolean':
      return value;
    case 'bigint':
      return value.toString();
    case 'object':
      return plainObjectOrArray(value);
    case 'function':
    case 'symbol':
    case 'undefined':
      return undefined;
  }
}

function plainObjectOrArray(value: object): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const item of value as unknown[]) {
      const clean = plainJson(item);
      out.push(clean === undefined ? null : clean);
    }
    return out;
  }
  return plainRecord(value as Record<string, unknown>);
}

/** A record with every value made plain; keys whose value cannot be kept are left out. */
export function plainRecord(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(record)) {
    const clean = plainJson(item);
    if (clean !== undefined) out[cleanString(key)] = clean;
  }
  return out;
}

/** Copies the entries of `record` whose value is neither undefined, null nor an empty string. */
export function compact(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value) && value.length === 0) continue;
    out[key] = value;
  }
  return out;
}

/** `value` as a plain object, or undefined when it is not one. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** `value` as an array (an absent value is an empty array, a single value a one-item array). */
export function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? (value as unknown[]) : [value];
}

/** A non-empty trimmed string, or undefined. Numbers are written out. */
export function asText(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  return text === '' ? undefined : text;
}

/** A finite number (numeric strings are read), or undefined. */
export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}
