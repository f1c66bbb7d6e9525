import { describe, expect, it } from 'vitest';
import { mergeRecord, sameJson } from './merge.js';

// Structural equality, written out case by case: [a, b, equal?]
const SAME_JSON: [string, unknown, unknown, boolean][] = [
  ['identical numbers', 1, 1, true],
  ['different numbers', 1, 2, false],
  ['number and numeric string', 1, '1', false],
  ['equal strings', 'a', 'a', true],
  ['true and false', true, false, false],
  ['null and null', null, null, true],
  ['null and an empty object', null, {}, false],
  ['an empty object and null', {}, null, false],
  ['null and zero', null, 0, false],
  ['empty objects', {}, {}, true],
  ['empty arrays', [], [], true],
  ['an empty array and an empty object', [], {}, false],
  ['an empty object and an empty array', {}, [], false],
  ['keys in another order', { a: 1, b: 2 }, { b: 2, a: 1 }, true],
  ['a missing key', { a: 1, b: 2 }, { a: 1 }, false],
  ['a key of the same count but another name', { a: 1 }, { b: 1 }, false],
  ['a key set to undefined against a missing one', { a: undefined }, { b: undefined }, false],
  ['nested objects in another order', { x: { a: 1, b: [1, 2] } }, { x: { b: [1, 2], a: 1 } }, true],
  ['nested values differ', { x: { a: 1 } }, { x: { a: 2 } }, false],
  ['arrays in the same order', [1, 2, 3], [1, 2, 3], true],
  ['arrays in another order', [1, 2, 3], [3, 2, 1], false],
  ['arrays of other lengths', [1, 2], [1, 2, 3], false],
  ['arrays of objects', [{ a: 1, b: 2 }], [{ b: 2, a: 1 }], true],
  ['an array and an object with index keys', [1], { 0: 1 }, false],
];

describe('sameJson', () => {
  it.each(SAME_JSON)('%s', (_label, a, b, equal) => {
    expect(sameJson(a, b)).toBe(equal);
    // Equality is symmetric.
    expect(sameJson(b, a)).toBe(equal);
  });
});

// [label, current, update, expected result, returns the same object?]
const MERGES: [
  string,
  Record<string, unknown>,
  Record<string, unknown> | undefined,
  Record<string, unknown>,
  boolean,
][] = [
  ['no update', { a: 1 }, undefined, { a: 1 }, true],
  ['an empty update', { a: 1 }, {}, { a: 1 }, true],
  ['a new key', { a: 1 }, { b: 2 }, { a: 1, b: 2 }, false],
  ['a changed key', { a: 1 }, { a: 2 }, { a: 2 }, false],
  ['an unchanged key', { a: 1 }, { a: 1 }, { a: 1 }, true],
  [
    'an unchanged nested value in another key order',
    { a: { x: 1, y: 2 } },
    { a: { y: 2, x: 1 } },
    { a: { x: 1, y: 2 } },
    true,
  ],
  ['a changed nested value', { a: { x: 1 } }, { a: { x: 2 } }, { a: { x: 2 } }, false],
  ['a key removed with null', { a: 1, b: 2 }, { a: null }, { b: 2 }, false],
  ['null for a key that is absent', { a: 1 }, { z: null }, { a: 1 }, true],
  ['a removal and an addition', { a: 1 }, { a: null, b: 3 }, { b: 3 }, false],
  ['every key removed', { a: 1, b: 2 }, { a: null, b: null }, {}, false],
  ['into an empty record', {}, { a: 'x' }, { a: 'x' }, false],
  ['an array value replaced whole', { a: [1, 2] }, { a: [2] }, { a: [2] }, false],
  ['an equal array value', { a: [1, 2] }, { a: [1, 2] }, { a: [1, 2] }, true],
  ['a key set to false', { a: true }, { a: false }, { a: false }, false],
  ['a key set to zero where it was absent', {}, { n: 0 }, { n: 0 }, false],
];

describe('mergeRecord', () => {
  it.each(MERGES)('%s', (_label, current, update, expected, same) => {
    const before = structuredClone(current);
    const out = mergeRecord(current, update);
    expect(out).toEqual(expected);
    expect(out === current).toBe(same);
    // The current record is never edited in place.
    expect(current).toEqual(before);
  });
});
