import { grown } from './grown.js';

/**
 * Numbers for keys: each key gets the next number the first time it is interned, and keeps it.
 * An open-addressing hash table over typed arrays (linear probing), for millions of keys: its
 * slots and hashes are two integer arrays, off the V8 heap and off the garbage collector's path,
 * where a `Map` holds an object per entry and at most 2^24 entries. A subclass says how its keys
 * are hashed, kept and compared (as strings on the heap, or packed as bytes).
 */
export abstract class OpenHashIndex<K> {
  /** Per slot: the number of the key hashed there, or -1. Kept at most half full. */
  private slots = new Int32Array(START_SLOTS).fill(-1);
  /** Per number: its key's hash, so that growing the table rehashes no key. */
  private hashes = new Uint32Array(START_SLOTS / 2);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The number of `key`, or undefined when it was never interned. */
  get(key: K): number | undefined {
    const n = this.slots[this.slotOf(key, this.hashOf(key))]!;
    return n < 0 ? undefined : n;
  }

  /** The number of `key`, given the next one if it has none yet. */
  intern(key: K): number {
    const hash = this.hashOf(key);
    const slot = this.slotOf(key, hash);
    const found = this.slots[slot]!;
    if (found >= 0) return found;
    if (this.count >= MAX_KEYS) throw new RangeError(`an index holds at most ${MAX_KEYS} keys`);
    const n = this.count++;
    this.keep(key, n);
    this.hashes = grown(this.hashes, n + 1);
    this.hashes[n] = hash;
    this.slots[slot] = n;
    if (2 * this.count > this.slots.length) this.grow();
    return n;
  }

  /** The key's hash (32 bits); called first for each look-up, before `holds`. */
  protected abstract hashOf(key: K): number;
  /** Whether number `n` is `key` (asked only when their hashes are equal). */
  protected abstract holds(n: number, key: K): boolean;
  /** Keeps `key` as number `n` (the next one). */
  protected abstract keep(key: K, n: number): void;

  /** The slot holding `key`, or the empty slot where it would go. */
  private slotOf(key: K, hash: number): number {
    const { slots, hashes } = this;
    const mask = slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const n = slots[slot]!;
      if (n < 0 || (hashes[n] === hash && this.holds(n, key))) return slot;
    }
  }

  private grow(): void {
    const slots = new Int32Array(2 * this.slots.length).fill(-1);
    const mask = slots.length - 1;
    for (let n = 0; n < this.count; n++) {
      let slot = this.hashes[n]! & mask;
      while (slots[slot] !== -1) slot = (slot + 1) & mask;
      slots[slot] = n;
    }
    this.slots = slots;
  }
}

/** Slots of an empty index (a power of two). */
const START_SLOTS = 1024;
/** Numbers fit an Int32Array's slots, and the slots (twice as many) a typed array. */
const MAX_KEYS = 2 ** 30;

/** FNV-1a offset basis and prime: keys differ mostly in their last characters, which it mixes in last. */
export const FNV_BASIS = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

/** FNV-1a over the UTF-16 code units of `text`. */
export function hashText(text: string): number {
  let h = FNV_BASIS;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}
