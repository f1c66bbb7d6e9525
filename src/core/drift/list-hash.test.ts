import { describe, expect, it } from 'vitest';
import { contentHash } from '../shared/canonical.js';
import { ListHasher, listHash } from './list-hash.js';

const itemsOf = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ name: `web-${i}`, class: 'server', attributes: { z: i, a: null } }));

describe('listHash', () => {
  it.each([0, 1, 2, 999, 1000, 1001, 2500])('is contentHash of a list of %i items, hashed piece by piece', (n) => {
    const items = itemsOf(n);
    expect(listHash(items)).toBe(contentHash(items));
  });

  it('changes with any item', () => {
    const items = Array.from({ length: 1500 }, (_, i) => ({ name: `web-${i}` }));
    const before = listHash(items);
    items[1200] = { name: 'other' };
    expect(listHash(items)).not.toBe(before);
  });
});

describe('ListHasher', () => {
  it.each([
    [2500, [1, 0, 999, 1500, 5000]],
    [2500, [2500]],
    [3001, [1000, 1000, 1000]],
    [0, [5]],
  ])('gives contentHash of %i items whatever steps it advanced by (%j)', (n, steps) => {
    const items = itemsOf(n);
    const hasher = new ListHasher(items);
    for (const step of steps) hasher.advance(step);
    expect(hasher.digest()).toBe(contentHash(items));
    expect(hasher.digest()).toBe(contentHash(items));
  });

  it('hashes only as far as it was asked before the digest', () => {
    const items = itemsOf(2500);
    const hasher = new ListHasher(items);
    hasher.advance(1000);
    // Items past the first piece are read at the digest: a change to them is in the hash.
    items[2000] = { name: 'other', class: 'server', attributes: { z: 0, a: null } };
    expect(hasher.digest()).toBe(contentHash(items));
  });
});
