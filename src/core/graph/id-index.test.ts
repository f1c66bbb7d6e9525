import { describe, expect, it } from 'vitest';
import { IdIndex } from './id-index.js';

/** Every id the index numbered, by number. */
const idsOf = (index: IdIndex): string[] => Array.from({ length: index.size }, (_, n) => index.idOf(n));

describe('IdIndex', () => {
  it('numbers ids in the order first interned, and keeps each number through growth', () => {
    const index = new IdIndex();
    const ids = Array.from({ length: 5000 }, (_, i) => `ci_${String(i).padStart(8, '0')}`);
    ids.forEach((id, i) => expect(index.intern(id)).toBe(i));
    // Interned again (as fresh strings): the same numbers, nothing added.
    ids.forEach((id, i) => expect(index.intern(`${id}`.slice(0))).toBe(i));
    expect(index.size).toBe(5000);
    ids.forEach((id, i) => expect(index.get(id)).toBe(i));
    expect(idsOf(index)).toEqual(ids);
  });

  it('answers undefined for an id never interned, and tells apart ids that differ in one character', () => {
    const index = new IdIndex();
    index.intern('a');
    index.intern('ab');
    expect(index.get('b')).toBeUndefined();
    expect(index.get('')).toBeUndefined();
    expect(index.get('ab')).toBe(1);
    expect(index.get('ba')).toBeUndefined();
  });

  it('numbers an id where it stands in a longer text as it numbers the id itself', () => {
    const index = new IdIndex();
    const a = 'ci_01J00000000000000000000001';
    const b = 'ci_01J00000000000000000000002';
    const text = `${a},${b},${a}`;
    expect(index.intern(a)).toBe(0);
    expect(index.internAt(text, a.length + 1, 2 * a.length + 1)).toBe(1);
    expect(index.internAt(text, 2 * a.length + 2, text.length)).toBe(0);
    expect(index.get(b)).toBe(1);
    expect(idsOf(index)).toEqual([a, b]);
    // A prefix of an id is another id.
    expect(index.internAt(text, 0, 5)).toBe(2);
    expect(index.idOf(2)).toBe('ci_01');
  });

  it('tells apart CI ids that differ in any one digit, kept as integers, from ids that only look alike', () => {
    const B32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    const base = '01J9ZQ4K7M2N5P8R0T3V6W9X1Y';
    // Every digit of every position changed once: 26 × 31 ids besides the base, each its own.
    const ids = [`ci_${base}`, `ci_${'0'.repeat(26)}`, `ci_7${'Z'.repeat(25)}`];
    for (let at = 0; at < base.length; at++)
      for (const d of at === 0 ? B32.slice(0, 8) : B32)
        if (d !== base[at]) ids.push(`ci_${base.slice(0, at)}${d}${base.slice(at + 1)}`);
    // Not CI ids as Cairn makes them (hashed and compared as text): lower case, another prefix,
    // a first digit above 7 (more than a ULID's 128 bits), a letter base32 leaves out, one digit
    // short or more.
    const others = [
      `ci_${base.toLowerCase()}`,
      `cx_${base}`,
      `ci_8${base.slice(1)}`,
      `ci_${base.slice(0, 25)}U`,
      `ci_${base.slice(1)}`,
      `ci_${base}0`,
    ];
    const index = new IdIndex();
    const all = [...ids, ...others];
    all.forEach((id, n) => expect(index.intern(id)).toBe(n));
    expect(index.size).toBe(all.length);
    // Asked again as fresh strings and where they stand in a text: the same numbers.
    all.forEach((id, n) => expect(index.get(`${id}`.slice(0))).toBe(n));
    const text = all.join(',');
    let at = 0;
    all.forEach((id, n) => {
      expect(index.internAt(text, at, at + id.length)).toBe(n);
      at += id.length + 1;
    });
    // Each CI id written back from its integers as it was.
    expect(idsOf(index)).toEqual(all);
    // Two digits changed: never interned.
    expect(index.get(`ci_1${base.slice(1, 25)}Z`)).toBeUndefined();
  });
});
