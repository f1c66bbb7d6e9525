import type { FieldError } from './errors.js';

/**
 * The limits on what one input may hold, in one place: the core checks them for every caller
 * (the API, the CLI on a local database, importers), and docs/reliability.md lists them.
 *
 * Why each exists: SQLite's JSON functions refuse text nested more than 1 000 levels, so one deep
 * value stored made every later `?attr=` query fail; a value of many megabytes becomes a row that
 * every read and hash of that CI pays for; and a walk over an unbounded value can take the process.
 */

/** Lists and mappings nested inside one another in one attribute value (`[[1]]` is 2). */
export const MAX_VALUE_DEPTH = 32;

/** Characters of one attribute value written as JSON: 1 MiB. */
export const MAX_VALUE_CHARS = 1024 * 1024;

/** Characters of one CI's (or one relationship's) attributes and labels written as JSON: 2 MiB. */
export const MAX_ITEM_CHARS = 2 * 1024 * 1024;

/** Items in one list of one request (CIs, relationships, deletions, classes…) over the API. */
export const MAX_ITEMS_PER_REQUEST = 100_000;

/** Bytes of one request body over the API: 16 MiB. */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** Lists and objects nested inside one another anywhere in a request body or an input file. */
export const MAX_INPUT_DEPTH = 64;

/**
 * How much larger than its file a YAML document may grow when its aliases are expanded, as JSON
 * characters per character of the file (plus 1 MiB): a document without aliases stays under 4×.
 */
export const MAX_YAML_EXPANSION = 4;

export interface JsonMeasure {
  /** Characters of the value written as JSON; past `maxChars` the walk stopped, and this is over it. */
  chars: number;
  /** The deepest nesting met; past `maxDepth` the walk stopped, and this is over it. */
  depth: number;
}

/**
 * The size and depth of a parsed value, walking it iteratively (a deep value cannot overflow the
 * stack) and stopping as soon as either bound is passed, so the work is bounded by the bounds and
 * not by the value: a YAML alias repeated a million times, or a cycle, is not walked to its end.
 * A value met twice through aliases is counted twice, as it would be stored.
 */
export function measureJson(value: unknown, maxChars: number, maxDepth: number): JsonMeasure {
  const stack: [unknown, number][] = [[value, 0]];
  let chars = 0;
  let depth = 0;
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (d > depth) depth = d;
    if (depth > maxDepth || chars > maxChars) break;
    if (typeof v === 'string') chars += v.length + 2;
    else if (v === null || typeof v !== 'object' || v instanceof Date) chars += String(v).length;
    else if (Array.isArray(v)) {
      chars += 1 + Math.max(v.length, 1); // brackets and commas
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], d + 1]);
    } else {
      const entries = Object.entries(v as Record<string, unknown>);
      chars += 1 + Math.max(entries.length, 1); // braces and commas
      for (const [k, child] of entries) {
        chars += k.length + 3;
        stack.push([child, d + 1]);
      }
    }
  }
  return { chars, depth };
}

/**
 * Why a parsed YAML document is too big for the file it came from, or undefined: nested past
 * MAX_INPUT_DEPTH, or grown through its aliases past MAX_YAML_EXPANSION times the file (+1 MiB).
 */
export function expansionProblem(value: unknown, fileChars: number): string | undefined {
  const budget = MAX_YAML_EXPANSION * fileChars + 1024 * 1024;
  const m = measureJson(value, budget, MAX_INPUT_DEPTH);
  if (m.depth > MAX_INPUT_DEPTH) return `nests lists and mappings more than ${MAX_INPUT_DEPTH} levels deep (the limit)`;
  if (m.chars > budget)
    return `expands to more than ${MAX_YAML_EXPANSION} times its size through YAML aliases (the limit); write the values out`;
  return undefined;
}

const mib = (chars: number) => `${chars / (1024 * 1024)} MiB`;

/**
 * Field errors for attributes and labels over the limits: each attribute value's depth and size
 * (named by its path, `cis[3].attributes.blob`), then the item's whole size (named `path`).
 * Returns true when something was over, so callers skip the checks that walk values recursively.
 */
export function checkItemLimits(item: unknown, path: string, errors: FieldError[]): boolean {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return false;
  const { attributes, labels } = item as { attributes?: unknown; labels?: unknown };
  let over = false;
  let total = 0;
  const at = (k: string) => (path === '' ? `attributes.${k}` : `${path}.attributes.${k}`);
  if (typeof attributes === 'object' && attributes !== null && !Array.isArray(attributes)) {
    for (const [k, v] of Object.entries(attributes as Record<string, unknown>)) {
      // Most values are scalars: measured as measureJson would, without its walk's allocations.
      const m =
        typeof v === 'string'
          ? { chars: v.length + 2, depth: 0 }
          : v === null || typeof v !== 'object'
            ? { chars: String(v).length, depth: 0 }
            : measureJson(v, MAX_VALUE_CHARS, MAX_VALUE_DEPTH);
      total += m.chars + k.length + 3;
      if (m.depth > MAX_VALUE_DEPTH) {
        errors.push({ path: at(k), message: `is nested more than ${MAX_VALUE_DEPTH} levels deep (the limit)` });
        over = true;
      } else if (m.chars > MAX_VALUE_CHARS) {
        errors.push({
          path: at(k),
          message: `is larger than ${mib(MAX_VALUE_CHARS)} as JSON (the limit of one value)`,
        });
        over = true;
      }
    }
  }
  if (!over && labels !== undefined) total += measureJson(labels, MAX_ITEM_CHARS, MAX_VALUE_DEPTH).chars;
  if (!over && total > MAX_ITEM_CHARS) {
    errors.push({
      path: path === '' ? '(item)' : path,
      message: `its attributes and labels are larger than ${mib(MAX_ITEM_CHARS)} as JSON (the limit of one item)`,
    });
    over = true;
  }
  return over;
}
