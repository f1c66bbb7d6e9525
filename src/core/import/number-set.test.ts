import { describe, expect, it } from 'vitest';
import { NumberSet } from './number-set.js';

describe('NumberSet', () => {
  it('holds exactly the numbers added, through many growths, as a Set would', () => {
    const set = new NumberSet();
    const mirror = new Set<number>();
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647);
    for (let i = 0; i < 50_000; i++) {
      // Both halves of a relationship key, some repeated, some near 2^52.
      const n = (next() % 3000) * 2 ** 26 + (i % 5 === 0 ? 2 ** 26 - 1 - (next() % 3) : next() % 5000);
      expect(set.add(n)).toBe(!mirror.has(n));
      mirror.add(n);
    }
    expect(set.size).toBe(mirror.size);
    for (const n of mirror) expect(set.has(n)).toBe(true);
    for (let i = 0; i < 5000; i++) {
      const n = 3000 * 2 ** 26 + i;
      expect(set.has(n)).toBe(false);
    }
    expect(set.has(0)).toBe(false);
    expect(set.add(0)).toBe(true);
    expect(set.has(0)).toBe(true);
  });

  it('refuses what it cannot hold exactly', () => {
    const set = new NumberSet();
    expect(() => set.add(-1)).toThrow(RangeError);
    expect(() => set.add(1.5)).toThrow(RangeError);
    expect(() => set.add(2 ** 52)).toThrow(RangeError);
  });
});
