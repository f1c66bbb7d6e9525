import { grown } from './grown.js';

/** A set of whole numbers from 0, a bit each in a growable byte array: for flags by number. */
export class BitSet {
  private bits = new Uint8Array(128);
  /** How many numbers are in the set. */
  size = 0;

  has(n: number): boolean {
    return n >>> 3 < this.bits.length && (this.bits[n >>> 3]! & (1 << (n & 7))) !== 0;
  }

  /** Adds `n`; false when it was there already. */
  add(n: number): boolean {
    if (this.has(n)) return false;
    this.bits = grown(this.bits, (n >>> 3) + 1);
    this.bits[n >>> 3]! |= 1 << (n & 7);
    this.size++;
    return true;
  }
}
