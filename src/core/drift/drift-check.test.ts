import { describe, expect, it } from 'vitest';
import { contentHash } from '../shared/canonical.js';
import { listHash } from './drift-check.js';

describe('listHash', () => {
  it.each([0, 1, 2, 999, 1000, 1001, 2500])('is contentHash of a list of %i items, hashed piece by piece', (n) => {
    const items = Array.from({ length: n }, (_, i) => ({
      name: `web-${i}`,
      class: 'server',
      attributes: { z: i, a: null },
    }));
    expect(listHash(items)).toBe(contentHash(items));
  });

  it('changes with any item', () => {
    const items = Array.from({ length: 1500 }, (_, i) => ({ name: `web-${i}` }));
    const before = listHash(items);
    items[1200] = { name: 'other' };
    expect(listHash(items)).not.toBe(before);
  });
});
