import { canonicalJson, canonicalOrder } from './canonical.js';

/**
 * The canonical JSON of each item (canonical.ts), joined by commas: `canonicalJson(items)`
 * without its brackets. Written by one `JSON.stringify` over the items in canonical order
 * (`canonicalOrder`: an item itself, or a copy with its keys in sorted order), which gives the
 * same text for plain JSON data and, at a million observed items, took about half the time of
 * the canonical writer.
 *
 * A list holding anything else (a Date or another class, a function, a bigint, a key V8 would
 * not keep in insertion order: an array index such as `"10"`, or `__proto__`) is written by
 * `canonicalJson` item by item.
 */
export function canonicalJsonList(items: readonly unknown[]): string {
  const ordered = new Array<unknown>(items.length);
  for (let i = 0; i < items.length; i++) {
    // canonicalJson refuses an item that is not JSON at all (undefined), where JSON.stringify writes null.
    const item = items[i] === undefined ? undefined : canonicalOrder(items[i]);
    if (item === undefined) return items.map(canonicalJson).join(',');
    ordered[i] = item;
  }
  return JSON.stringify(ordered).slice(1, -1);
}
