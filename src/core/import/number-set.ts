/** Slots of an empty set; the table doubles when it is three quarters full. */
const INITIAL_SLOTS = 16;
const EMPTY = -1;
const HALF = 2 ** 26;

/**
 * A set of whole numbers from 0 to 2^52 in one Float64Array (open addressing, linear probing):
 * 11 to 21 bytes a number, where a Set of such numbers takes about 40 (each above 2^31 is a
 * heap number of its own, plus the set's entry) and lays them all on the garbage collector's path.
 */
export class NumberSet {
  private slots = new Float64Array(INITIAL_SLOTS).fill(EMPTY);
  private count = 0;

  get size(): number {
    return this.count;
  }

  has(n: number): boolean {
    const { slots } = this;
    const mask = slots.length - 1;
    for (let i = slotOf(n, mask); ; i = (i + 1) & mask) {
      const s = slots[i]!;
      if (s === n) return true;
      if (s === EMPTY) return false;
    }
  }

  /** Adds `n`; false when it was there already. */
  add(n: number): boolean {
    if (!Number.isInteger(n) || n < 0 || n >= 2 ** 52)
      throw new RangeError(`${n} is not a whole number from 0 to 2^52`);
    if ((this.count + 1) * 4 > this.slots.length * 3) this.grow();
    const { slots } = this;
    const mask = slots.length - 1;
    for (let i = slotOf(n, mask); ; i = (i + 1) & mask) {
      const s = slots[i]!;
      if (s === n) return false;
      if (s === EMPTY) {
        slots[i] = n;
        this.count++;
        return true;
      }
    }
  }

  private grow(): void {
    const old = this.slots;
    const slots = new Float64Array(old.length * 2).fill(EMPTY);
    const mask = slots.length - 1;
    for (const n of old) {
      if (n === EMPTY) continue;
      let i = slotOf(n, mask);
      while (slots[i] !== EMPTY) i = (i + 1) & mask;
      slots[i] = n;
    }
    this.slots = slots;
  }
}

/** Mixes both halves of `n` (a relationship's two reference numbers) into a slot. */
function slotOf(n: number, mask: number): number {
  const high = Math.floor(n / HALF);
  let h = Math.imul((n - high * HALF) ^ Math.imul(high, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h & mask;
}
