/**
 * Numbers for the in-memory graph's CI ids: each id gets the next number the first time it is
 * interned, and keeps it. An open-addressing hash table over typed arrays: a load looks up a
 * million ids and both ends of three million relationships, each id a fresh string from the
 * driver, and a `Map` of a million strings took twice as long to fill and to ask (its entries
 * are objects for the collector to walk; these are two integer arrays).
 */
export class IdIndex {
  /** The id of each number. */
  readonly ids: string[] = [];
  /** Per slot: the number of the id hashed there, or -1. Kept at most half full. */
  private slots = new Int32Array(START_SLOTS).fill(-1);
  /** Per number: its id's hash, so that growing the table rehashes no string. */
  private hashes = new Uint32Array(START_SLOTS / 2);

  get size(): number {
    return this.ids.length;
  }

  /** The number of `id`, or undefined when it was never interned. */
  get(id: string): number | undefined {
    const n = this.slots[this.slotOf(id, hashOf(id))]!;
    return n < 0 ? undefined : n;
  }

  /** The number of `id`, given the next one if it has none yet. */
  intern(id: string): number {
    const hash = hashOf(id);
    const slot = this.slotOf(id, hash);
    const found = this.slots[slot]!;
    if (found >= 0) return found;
    const n = this.ids.length;
    this.ids.push(id);
    if (n === this.hashes.length) {
      const wider = new Uint32Array(2 * n);
      wider.set(this.hashes);
      this.hashes = wider;
    }
    this.hashes[n] = hash;
    this.slots[slot] = n;
    if (2 * this.ids.length > this.slots.length) this.grow();
    return n;
  }

  /** The slot holding `id`, or the empty slot where it would go (linear probing). */
  private slotOf(id: string, hash: number): number {
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const n = this.slots[slot]!;
      if (n < 0 || (this.hashes[n] === hash && this.ids[n] === id)) return slot;
    }
  }

  private grow(): void {
    const slots = new Int32Array(2 * this.slots.length).fill(-1);
    const mask = slots.length - 1;
    for (let n = 0; n < this.ids.length; n++) {
      let slot = this.hashes[n]! & mask;
      while (slots[slot] !== -1) slot = (slot + 1) & mask;
      slots[slot] = n;
    }
    this.slots = slots;
  }
}

/** Slots of an empty index (a power of two). */
const START_SLOTS = 1024;

/** FNV-1a over the UTF-16 code units: ids differ mostly in their last characters, which it mixes in last. */
function hashOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
