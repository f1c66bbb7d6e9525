/**
 * Merges a partial update into current values key by key; a key set to `null` is removed.
 * Returns the same object when nothing changes, so callers can skip unchanged items cheaply.
 */
export function mergeRecord<T>(
  current: Record<string, T>,
  update: Record<string, T | null> | undefined,
): Record<string, T> {
  if (!update) return current;
  let out: Record<string, T> | undefined;
  // for…in, not Object.entries: no array of pairs per record merged (an import merges every one).
  for (const key in update) {
    if (!Object.hasOwn(update, key)) continue;
    const value = update[key]!;
    if (value === null) {
      if (key in current) {
        out ??= { ...current };
        delete out[key];
      }
    } else if (!(key in current) || !sameJson(current[key], value)) {
      out ??= { ...current };
      out[key] = value;
    }
  }
  return out ?? current;
}

/** Structural equality of JSON values (key order ignored). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((v, i) => sameJson(v, b[i]));
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b as object);
  if (ka.length !== kb.length) return false;
  return ka.every(
    (k) => k in (b as object) && sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}
