/**
 * Turning parsed input (YAML, JSON) into plain JSON attribute values: no undefined, no NUL
 * characters, no values that JSON cannot hold, and bounded in size so that one enormous
 * field (a base64 blob, a rendered template) does not swamp a CI version.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface JsonLimits {
  /** Longer strings are cut and marked; default 4096 characters. */
  maxString?: number;
  /** Longer arrays are cut; default 1000 items. */
  maxItems?: number;
  /** Deeper nesting is replaced by a marker string; default 32 levels. */
  maxDepth?: number;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string from a scalar (YAML may read `1.0` or `true` where a string was meant); else undefined. */
export function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

export function stripNul(text: string): string {
  return text.includes('\u0000') ? text.replaceAll('\u0000', '') : text;
}

/** Converts any parsed value to a JSON value; returns undefined for values JSON cannot hold. */
export function toJsonValue(value: unknown, limits: JsonLimits = {}, depth = 0): JsonValue | undefined {
  const maxString = limits.maxString ?? 4096;
  const maxItems = limits.maxItems ?? 1000;
  const maxDepth = limits.maxDepth ?? 32;
  if (value === null) return null;
  if (typeof value === 'string') {
    const clean = stripNul(value);
    return clean.length > maxString
      ? `${clean.slice(0, maxString)}…[${clean.length - maxString} characters cut]`
      : clean;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (depth >= maxDepth) return '[nested too deeply]';
  if (Array.isArray(value)) {
    return value.slice(0, maxItems).map((item) => toJsonValue(item, limits, depth + 1) ?? null);
  }
  if (isRecord(value)) {
    const out: Record<string, JsonValue> = {};
    for (const [key, item] of Object.entries(value)) {
      const converted = toJsonValue(item, limits, depth + 1);
      if (converted !== undefined) out[stripNul(key)] = converted;
    }
    return out;
  }
  return undefined;
}

/** Converts a key/value map to Cairn labels (string → string); non-scalar values are skipped. */
export function toLabels(value: unknown): Record<string, string> {
  const labels: Record<string, string> = {};
  if (!isRecord(value)) return labels;
  for (const [key, item] of Object.entries(value)) {
    const text = item === null ? '' : scalarText(item);
    if (text !== undefined && key !== '') labels[stripNul(key)] = stripNul(text);
  }
  return labels;
}

/**
 * Variable or attribute names that usually hold a credential. Importers drop such values even
 * when the source does not mark them, because a CMDB is read by many more people than a vault.
 */
export const SECRET_NAME = /pass(word|wd|phrase)?$|passwd|password|secret|token|private_?key|credential|api_?key/i;
