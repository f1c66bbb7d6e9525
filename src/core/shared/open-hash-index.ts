/**
 * Numbers for keys: each key gets the next number the first time it is interned, and keeps it.
 * An open-addressing hash table over typed arrays (linear probing), for millions of keys: its
 * slots (each key's number and hash) are one integer array, off the V8 heap and off the garbage collector's path,
 * where a `Map` holds an object per entry and at most 2^24 entries. A subclass says how its keys
 * are hashed, kept and compared (as strings on the heap, or packed as bytes).
 */
export abstract class OpenHashIndex<K> {
  /**
   * Two entries per slot: the number of the key hashed there (or -1), then its hash, side by side
   * so that a probe reads one cache line, not a slot and then a hash elsewhere (a look-up among
   * millions of keys costs its cache misses more than its arithmetic). Kept at most two thirds
   * full: probes read neighbouring slots, mostly in the same cache line, and the table takes about
   * as many bytes a key as a half-full one of numbers beside an array of hashes did.
   */
  private slots = new Int32Array(2 * START_SLOTS).fill(-1);
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
    this.slots[slot] = n;
    this.slots[slot + 1] = hash;
    if (3 * this.count > this.slots.length) this.grow();
    return n;
  }

  /** The key's hash (32 bits); called first for each look-up, before `holds`. */
  protected abstract hashOf(key: K): number;
  /** Whether number `n` is `key` (asked only when their hashes are equal). */
  protected abstract holds(n: number, key: K): boolean;
  /** Keeps `key` as number `n` (the next one). */
  protected abstract keep(key: K, n: number): void;

  /** Where the slot holding `key` begins in `slots`, or the empty slot's where it would go. */
  private slotOf(key: K, hash: number): number {
    const { slots } = this;
    const mask = slots.length - 2;
    const signed = hash | 0;
    for (let at = (hash << 1) & mask; ; at = (at + 2) & mask) {
      const n = slots[at]!;
      if (n < 0 || (slots[at + 1] === signed && this.holds(n, key))) return at;
    }
  }

  /** Twice the slots, each key moved by the hash kept beside it: no key is hashed again. */
  private grow(): void {
    const old = this.slots;
    const slots = new Int32Array(2 * old.length).fill(-1);
    const mask = slots.length - 2;
    for (let from = 0; from < old.length; from += 2) {
      const n = old[from]!;
      if (n < 0) continue;
      const hash = old[from + 1]!;
      let at = (hash << 1) & mask;
      while (slots[at] !== -1) at = (at + 2) & mask;
      slots[at] = n;
      slots[at + 1] = hash;
    }
    this.slots = slots;
  }
}

/** Slots of an empty index (a power of two). */
const START_SLOTS = 1024;
/** Numbers fit an Int32Array's slots, and the slots (up to six entries a key, just grown) a typed array. */
const MAX_KEYS = 2 ** 29;

/** FNV-1a offset basis and prime: keys differ mostly in their last characters, which it mixes in last. */
export const FNV_BASIS = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

/** FNV-1a over the UTF-16 code units of `text` (of `text[start, end)` when given). */
export function hashText(text: string, start = 0, end = text.length): number {
  let h = FNV_BASIS;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}
