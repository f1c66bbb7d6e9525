/**
 * Numbers for keys: each key gets the next number the first time it is interned, and keeps it.
 * An open-addressing hash table over typed arrays (linear probing), for millions of keys: its
 * slots (each key's number, hash and what the subclass keeps there) are one integer array, off
 * the V8 heap and off the garbage collector's path, where a `Map` holds an object per entry and
 * at most 2^24 entries. A subclass says how its keys are hashed, kept and compared (as strings on
 * the heap, or packed as bytes).
 */
export abstract class OpenHashIndex<K> {
  /**
   * `width` entries per slot: the number of the key hashed there (or -1), then its hash, then any
   * the subclass keeps of the key there (`extra`), side by side so that a probe reads one cache
   * line, not a slot and then a hash or a key elsewhere (a look-up among millions of keys costs
   * its cache misses more than its arithmetic). Kept at most two thirds full: probes read
   * neighbouring slots, mostly in the same cache line, and the table takes about as many bytes a
   * key as a half-full one of numbers beside an array of hashes did.
   */
  private slots: Int32Array;
  private readonly width: number;
  /** Slots minus one (their count is a power of two). */
  private mask: number;
  private count = 0;
  private readonly maxKeys: number;

  /**
   * `extra`: entries per slot the subclass keeps of its key (holds and keep are handed the slot).
   * `expected`: the keys the caller knows are coming, room for which is made at once rather than
   * by growing (at a million keys, ten rehashes of everything interned so far).
   */
  constructor(extra = 0, expected = 0) {
    this.width = 2 + extra;
    let slots = START_SLOTS;
    while (3 * expected > 2 * slots && slots < MAX_KEYS) slots *= 2;
    this.mask = slots - 1;
    this.slots = new Int32Array(this.width * slots).fill(-1);
    this.maxKeys = Math.min(MAX_KEYS, Math.floor(MAX_ENTRIES / (3 * this.width)));
  }

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
    if (this.count >= this.maxKeys) throw new RangeError(`an index holds at most ${this.maxKeys} keys`);
    const n = this.count++;
    this.keep(key, n, this.slots, slot + 2);
    this.slots[slot] = n;
    this.slots[slot + 1] = hash;
    if (3 * this.count > 2 * (this.mask + 1)) this.grow();
    return n;
  }

  /** The key's hash (32 bits); called first for each look-up, before `holds`. */
  protected abstract hashOf(key: K): number;
  /**
   * Whether number `n` is `key` (asked only when their hashes are equal); `slots[at, at + extra)`
   * holds what `keep` wrote there for it.
   */
  protected abstract holds(n: number, key: K, slots: Int32Array, at: number): boolean;
  /** Keeps `key` as number `n` (the next one); `slots[at, at + extra)` is its slot's room. */
  protected abstract keep(key: K, n: number, slots: Int32Array, at: number): void;

  /** Where the slot holding `key` begins in `slots`, or the empty slot's where it would go. */
  private slotOf(key: K, hash: number): number {
    const { slots, mask, width } = this;
    const signed = hash | 0;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const at = i * width;
      const n = slots[at]!;
      if (n < 0 || (slots[at + 1] === signed && this.holds(n, key, slots, at + 2))) return at;
    }
  }

  /** Twice the slots, each key moved by the hash kept beside it: no key is hashed again. */
  private grow(): void {
    const { width } = this;
    const old = this.slots;
    const mask = 2 * (this.mask + 1) - 1;
    const slots = new Int32Array(width * (mask + 1)).fill(-1);
    for (let from = 0; from < old.length; from += width) {
      if (old[from]! < 0) continue;
      let i = old[from + 1]! & mask;
      while (slots[i * width] !== -1) i = (i + 1) & mask;
      for (let k = 0, to = i * width; k < width; k++) slots[to + k] = old[from + k]!;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

/** Slots of an empty index (a power of two). */
const START_SLOTS = 1024;
/** Numbers fit an Int32Array's slots. */
const MAX_KEYS = 2 ** 29;
/** Entries a typed array holds: the slots just grown are three a key, of `width` entries each. */
const MAX_ENTRIES = 2 ** 32;

/** FNV-1a offset basis and prime: keys differ mostly in their last characters, which it mixes in last. */
export const FNV_BASIS = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

/** FNV-1a over the UTF-16 code units of `text` (of `text[start, end)` when given). */
export function hashText(text: string, start = 0, end = text.length): number {
  let h = FNV_BASIS;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}
