import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { ListHasher, listHash } from './list-hash.js';

/** What the hash must be: SHA-256 of the whole list's JSON as given, written in one piece. */
const jsonHash = (items: unknown[]) => createHash('sha256').update(JSON.stringify(items)).digest('base64url');

const itemsOf = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ name: `web-${i}`, class: 'server', attributes: { z: i, a: null } }));

describe('listHash', () => {
  it.each([0, 1, 2, 99, 100, 101, 999, 1000, 1001, 2500])(
    'is the hash of the JSON of a list of %i items, hashed piece by piece',
    (n) => {
      const items = itemsOf(n);
      expect(listHash(items)).toBe(jsonHash(items));
    },
  );

  it('hashes the items as given: the same items with their keys in another order hash apart', () => {
    const items = itemsOf(3);
    const reordered = items.map(({ attributes, name, class: cls }) => ({ class: cls, name, attributes }));
    expect(listHash(reordered)).toBe(jsonHash(reordered));
    expect(listHash(reordered)).not.toBe(listHash(items));
  });

  it('writes a missing item as JSON does, as null', () => {
    const items = [{ name: 'a' }, undefined, { name: 'b' }];
    expect(listHash(items)).toBe(jsonHash(items));
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
  ])('gives the hash of %i items whatever steps it advanced by (%j)', (n, steps) => {
    const items = itemsOf(n);
    const hasher = new ListHasher(items);
    for (const step of steps) hasher.advance(step);
    expect(hasher.digest()).toBe(jsonHash(items));
    expect(hasher.digest()).toBe(jsonHash(items));
  });

  it('hashes only as far as it was asked before the digest', () => {
    const items = itemsOf(2500);
    const hasher = new ListHasher(items);
    hasher.advance(1000);
    // Items past the first piece are read at the digest: a change to them is in the hash.
    items[2000] = { name: 'other', class: 'server', attributes: { z: 0, a: null } };
    expect(hasher.digest()).toBe(jsonHash(items));
  });
});
