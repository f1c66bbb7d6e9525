import { MAX_VALUE_CHARS, MAX_VALUE_DEPTH } from '../shared/limits.js';

/**
 * Whether an item of an input (a CI or a relationship, as parsed) certainly passes three of its
 * checks — the input limits (checkItemLimits), text that can be stored as sent (holdsTextProblem)
 * and attributes of JSON values only (holdsBadJson) — told in ONE walk over it that allocates
 * nothing. Those checks walk each item once each; an import checks every record it writes, nearly
 * all of them fine (issue 14). False is not a verdict: it sends the item to the three checks,
 * which name what is wrong, if anything. So this may doubt what they would pass (a string holding
 * any surrogate or a NUL, a Date, a value past a bound below the limits), never the reverse.
 */
export function isSoundItem(item: unknown): boolean {
  if (!isPlainRecord(item)) return false;
  return walk(item, 0, 0) >= 0;
}

/** Any UTF-16 surrogate: with a NUL, what textProblem and holdsBadJson can find in a string. */
const SURROGATE = /[\ud800-\udfff]/;

function doubtfulText(text: string): boolean {
  return SURROGATE.test(text) || text.includes('\u0000');
}

/**
 * The nesting walked: below MAX_VALUE_DEPTH by a margin, as checkItemLimits counts an attribute
 * value's depth from the value and this walk from the item (and a cycle ends here too).
 */
const DEPTH = MAX_VALUE_DEPTH - 4;

/** Characters an encoded number, boolean or null takes at most (`-1.2345678901234567e-308`). */
const SCALAR_CHARS = 25;

/**
 * Adds `value`'s characters as JSON (bounded above: each string's length and quotes, each
 * scalar SCALAR_CHARS) to `chars`; -1 when it doubts. The whole item under MAX_VALUE_CHARS keeps
 * each attribute value under it, and attributes and labels under MAX_ITEM_CHARS.
 */
function walk(value: unknown, chars: number, depth: number): number {
  switch (typeof value) {
    case 'string':
      return doubtfulText(value) ? -1 : bounded(chars + value.length + 2);
    case 'number':
      return Number.isFinite(value) ? bounded(chars + SCALAR_CHARS) : -1;
    case 'boolean':
      return bounded(chars + SCALAR_CHARS);
    case 'object':
      break;
    case 'bigint':
    case 'function':
    case 'symbol':
    case 'undefined':
      return -1;
  }
  if (value === null) return bounded(chars + SCALAR_CHARS);
  if (depth >= DEPTH) return -1;
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return -1;
    chars += 2 + value.length;
    for (let i = 0; i < value.length; i++) if ((chars = walk(value[i], chars, depth + 1)) < 0) return -1;
    return bounded(chars);
  }
  if (!isPlainRecord(value)) return -1;
  chars += 2;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) return -1;
    if (doubtfulText(key)) return -1;
    chars += key.length + 4;
    if ((chars = walk(value[key], chars, depth + 1)) < 0) return -1;
  }
  return bounded(chars);
}

function bounded(chars: number): number {
  return chars > MAX_VALUE_CHARS ? -1 : chars;
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
