import { createHash, hash } from 'node:crypto';
import { configure } from 'safe-stable-stringify';

/**
 * Canonical JSON: keys sorted at every level, no whitespace. Every hash in Cairn (version content,
 * revision chain, plan) is taken over this encoding, so that the same content always hashes the
 * same whatever order its keys arrived in or which database returned it.
 */
const stringify = configure({ deterministic: true, circularValue: Error, bigint: false });

export function canonicalJson(value: unknown): string {
  // JSON data (what parsing and the store give) is written by the engine's own JSON.stringify,
  // over the value itself when its keys are in order already or over a copy with them in order:
  // one flat string, where the general encoder below builds one piece per key and value (an
  // import hashes every record it writes; issue 14). Anything else takes the general path.
  const ordered = inCanonicalOrder(value, 0);
  const text = ordered === UNUSUAL ? stringify(value) : JSON.stringify(ordered);
  if (text === undefined) throw new TypeError('value cannot be encoded as JSON');
  return text;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A compact content hash (base64url of SHA-256), stored on every version row. */
export function contentHash(value: unknown): string {
  return contentHashOfText(canonicalJson(value));
}

/** contentHash of a value whose canonical JSON is already written out (ci/content-hash.ts). */
export function contentHashOfText(canonical: string): string {
  // The one-shot hash avoids a Hash object per version: imports hash every CI they read.
  return hash('sha256', canonical, 'base64url');
}

/**
 * A plain mapping as JSON.stringify writes it canonically (see inCanonicalOrder): itself, or a copy
 * with its keys in order; undefined where only the general encoder (canonicalJson) is exact.
 */
export function canonicalRecord(value: Record<string, unknown>): Record<string, unknown> | undefined {
  const ordered = inCanonicalOrder(value, 0);
  return ordered === UNUSUAL || ordered === null || typeof ordered !== 'object'
    ? undefined
    : (ordered as Record<string, unknown>);
}

/** What inCanonicalOrder answers for a value JSON.stringify would not write canonically. */
const UNUSUAL: unique symbol = Symbol('unusual');

/** Nesting past which the general encoder decides (and reports a cycle as it always did). */
const ORDER_DEPTH = 64;

/**
 * The value itself when JSON.stringify writes it exactly as the canonical encoder does (every
 * mapping's keys already in sorted order), a copy with the keys in sorted order where some are
 * not, or UNUSUAL where the two encoders could differ: anything but strings, numbers, booleans,
 * null, undefined, plain mappings and plain lists (a Date, a bigint, a function, a class), a key
 * that starts with a digit (the engine writes integer keys first, whatever their insertion
 * order), `__proto__` (a copy cannot hold it as a key), or nesting past ORDER_DEPTH. Keys compare
 * by UTF-16 code units, as the canonical encoder's sort does.
 */
function inCanonicalOrder(value: unknown, depth: number): unknown {
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
      return UNUSUAL;
  }
  if (value === null) return value;
  if (depth >= ORDER_DEPTH) return UNUSUAL;
  const proto: unknown = Object.getPrototypeOf(value);
  if (Array.isArray(value)) {
    if (proto !== Array.prototype) return UNUSUAL;
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const ordered = inCanonicalOrder(item, depth + 1);
      if (ordered === UNUSUAL) return UNUSUAL;
      if (ordered !== item) (copy ??= value.slice())[i] = ordered;
    }
    return copy ?? value;
  }
  if (proto !== Object.prototype && proto !== null) return UNUSUAL;
  const record = value as Record<string, unknown>;
  const shape = shapeOf(Object.keys(record));
  const sorted = shape.sorted;
  if (sorted === undefined) return UNUSUAL;
  if (!shape.inOrder) {
    // Keys out of order: the copy is built straight away, each value put in order once.
    const copy: Record<string, unknown> = {};
    for (const key of sorted) {
      const ordered = inCanonicalOrder(record[key], depth + 1);
      if (ordered === UNUSUAL) return UNUSUAL;
      copy[key] = ordered;
    }
    return copy;
  }
  let copy: Record<string, unknown> | undefined;
  for (let i = 0; i < sorted.length; i++) {
    const key = sorted[i]!;
    const item = record[key];
    const ordered = inCanonicalOrder(item, depth + 1);
    if (ordered === UNUSUAL) return UNUSUAL;
    if (copy === undefined && ordered !== item) {
      // The first value that changed: the copy takes the keys before it as they are.
      copy = {};
      for (let j = 0; j < i; j++) copy[sorted[j]!] = record[sorted[j]!];
    }
    if (copy !== undefined) copy[key] = ordered;
  }
  return copy ?? value;
}

/**
 * A list of keys as a mapping listed them: the same keys sorted by UTF-16 code units (as `sort()`
 * does), or undefined if one of them is not kept in insertion order (see keptInOrder); and whether
 * they were listed in sorted order already.
 */
interface Shape {
  keys: string[];
  sorted: string[] | undefined;
  inOrder: boolean;
}

/**
 * The shapes seen last: the mappings of one batch mostly share a few (an item, its attributes,
 * its labels), so each shape's keys are checked and sorted once, not once per mapping (sorting
 * them was about a third of writing a list of bench items' canonical text; issue 14).
 */
const shapes: Shape[] = [];
const SHAPES_KEPT = 16;
let nextShape = 0;

function shapeOf(keys: string[]): Shape {
  for (let i = 0; i < shapes.length; i++) {
    const shape = shapes[i]!;
    if (sameKeys(shape.keys, keys)) return shape;
  }
  const shape = newShape(keys);
  shapes[nextShape] = shape;
  nextShape = (nextShape + 1) % SHAPES_KEPT;
  return shape;
}

function sameKeys(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function newShape(keys: string[]): Shape {
  let inOrder = true;
  for (let i = 0; i < keys.length; i++) {
    if (!keptInOrder(keys[i]!)) return { keys, sorted: undefined, inOrder: false };
    if (i > 0 && keys[i - 1]! > keys[i]!) inOrder = false;
  }
  return { keys, sorted: inOrder ? keys : [...keys].sort(), inOrder };
}

/**
 * Whether a key, set on a fresh object, is listed in insertion order: V8 lists array-index keys
 * first, in numeric order (so `"10"` before `"9"`, against sorted order), and `__proto__` sets
 * the prototype instead of a key. Any key starting with a digit is left to the general encoder.
 */
function keptInOrder(key: string): boolean {
  const first = key.charCodeAt(0);
  return !(first >= 48 && first <= 57) && key !== '__proto__';
}
