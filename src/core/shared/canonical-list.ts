import { canonicalJson } from './canonical.js';

/**
 * The canonical JSON of each item (canonical.ts), joined by commas: `canonicalJson(items)`
 * without its brackets. Written by the engine's own `JSON.stringify` over copies of the items
 * whose keys are inserted in sorted order, which gives the same text for plain JSON data and,
 * at a million observed items, took about half the time of the canonical writer.
 *
 * An item holding anything else (a Date or another class, a function, a bigint, a key V8 would
 * not keep in insertion order: an array index such as `"10"`, or `__proto__`) is written by
 * `canonicalJson` itself.
 */
export function canonicalJsonList(items: readonly unknown[]): string {
  const copies = new Array<unknown>(items.length);
  let plain = true;
  for (let i = 0; i < items.length && plain; i++) {
    // canonicalJson refuses an item that is not JSON at all (undefined), where JSON.stringify writes null.
    const copy = items[i] === undefined ? NOT_PLAIN : sortedCopy(items[i]);
    if (copy === NOT_PLAIN) plain = false;
    else copies[i] = copy;
  }
  if (plain) return JSON.stringify(copies).slice(1, -1);
  return items.map(canonicalJson).join(',');
}

/** Returned when a value is not plain JSON data. */
const NOT_PLAIN = Symbol('not plain');

/** `value` with every object's keys in sorted order, or NOT_PLAIN. */
function sortedCopy(value: unknown): unknown {
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'undefined':
      return value;
    case 'object':
      break;
    case 'bigint':
    case 'function':
    case 'symbol':
      return NOT_PLAIN;
  }
  if (value === null) return null;
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return NOT_PLAIN;
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      const copy = sortedCopy(value[i]);
      if (copy === NOT_PLAIN) return NOT_PLAIN;
      out[i] = copy;
    }
    return out;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return NOT_PLAIN;
  const record = value as Record<string, unknown>;
  const keys = sortedKeys(Object.keys(record));
  if (keys === undefined) return NOT_PLAIN;
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const copy = sortedCopy(record[key]);
    if (copy === NOT_PLAIN) return NOT_PLAIN;
    out[key] = copy;
  }
  return out;
}

/** A list of keys as an object listed them, and the same keys sorted (or undefined: not kept in order). */
interface Shape {
  keys: string[];
  sorted: string[] | undefined;
}

/** The shapes seen last: an observation's items mostly share a few (the item, its attributes, its labels). */
const shapes: Shape[] = [];
const SHAPES_KEPT = 16;
let nextShape = 0;

/**
 * `keys` sorted, or undefined if one of them is not kept in insertion order. Sorting the keys of
 * every object was a third of writing the canonical text; a shape seen lately is sorted already.
 */
function sortedKeys(keys: string[]): string[] | undefined {
  for (const shape of shapes) if (sameKeys(shape.keys, keys)) return shape.sorted;
  const sorted = keys.every(keptInOrder) ? [...keys].sort() : undefined;
  shapes[nextShape] = { keys, sorted };
  nextShape = (nextShape + 1) % SHAPES_KEPT;
  return sorted;
}

function sameKeys(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Whether a key, set on a fresh object, is listed in insertion order: V8 lists array-index keys
 * first, in numeric order (so `"10"` before `"9"`, against sorted order), and `__proto__` sets
 * the prototype instead of a key. Any key starting with a digit is left to the canonical writer.
 */
function keptInOrder(key: string): boolean {
  const first = key.charCodeAt(0);
  return !(first >= 48 && first <= 57) && key !== '__proto__';
}
