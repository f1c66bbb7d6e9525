import { describe, expect, it } from 'vitest';
import { IdIndex } from './id-index.js';

describe('IdIndex', () => {
  it('numbers ids in the order first interned, and keeps each number through growth', () => {
    const index = new IdIndex();
    const ids = Array.from({ length: 5000 }, (_, i) => `ci_${String(i).padStart(8, '0')}`);
    ids.forEach((id, i) => expect(index.intern(id)).toBe(i));
    // Interned again (as fresh strings): the same numbers, nothing added.
    ids.forEach((id, i) => expect(index.intern(`${id}`.slice(0))).toBe(i));
    expect(index.size).toBe(5000);
    ids.forEach((id, i) => expect(index.get(id)).toBe(i));
    expect(index.ids).toEqual(ids);
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
});
