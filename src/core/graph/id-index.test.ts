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

  it('numbers an id where it stands in a longer text as it numbers the id itself', () => {
    const index = new IdIndex();
    const a = 'ci_01J00000000000000000000001';
    const b = 'ci_01J00000000000000000000002';
    const text = `${a},${b},${a}`;
    expect(index.intern(a)).toBe(0);
    expect(index.internAt(text, a.length + 1, 2 * a.length + 1)).toBe(1);
    expect(index.internAt(text, 2 * a.length + 2, text.length)).toBe(0);
    expect(index.get(b)).toBe(1);
    expect(index.ids).toEqual([a, b]);
    // A prefix of an id is another id.
    expect(index.internAt(text, 0, 5)).toBe(2);
    expect(index.ids[2]).toBe('ci_01');
  });
});
