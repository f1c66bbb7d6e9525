import { describe, expect, it } from 'vitest';
import { BitSet } from './bit-set.js';

describe('BitSet', () => {
  it('holds the numbers added, across bytes and growths, and tells a repeat', () => {
    const set = new BitSet();
    const added = [0, 7, 8, 9, 1023, 1024, 100_000, 5_000_003];
    expect(set.size).toBe(0);
    for (const n of added) expect(set.add(n)).toBe(true);
    for (const n of added) expect(set.add(n)).toBe(false);
    expect(set.size).toBe(added.length);
    for (const n of added) expect(set.has(n)).toBe(true);
    for (const n of [1, 6, 10, 1022, 1025, 99_999, 100_001, 5_000_002, 5_000_004, 2 ** 31])
      expect(set.has(n)).toBe(false);
  });
});
