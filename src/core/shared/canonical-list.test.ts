import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical.js';
import { canonicalJsonList } from './canonical-list.js';

/** What canonicalJsonList must equal: the list's canonical JSON without its brackets. */
const expected = (items: unknown[]) => canonicalJson(items).slice(1, -1);

describe('canonicalJsonList', () => {
  it.each([
    ['keys out of order, nested', [{ b: 1, a: { d: [1, { z: 0, y: null }], c: 'x' } }]],
    ['array-index keys, which V8 lists numerically', [JSON.parse('{"10": 1, "9": 2, "b": 3, "1a": 4}')]],
    ['an own __proto__ key', [JSON.parse('{"z": 1, "__proto__": {"a": 1}}')]],
    ['the empty key and unicode keys', [{ é: 1, '': 2, Z: 3, 東: 4, a: 5 }]],
    ['undefined members and holes', [{ a: undefined, b: [undefined, , 1] }]], // eslint-disable-line no-sparse-arrays
    ['numbers JSON has no word for', [{ a: NaN, b: -0, c: Infinity, d: 1e21, e: 0.1 }]],
    ['escapes and lone surrogates', [{ a: '"\\\n\u0001', b: 'x\ud800y', c: '\udc00' }]],
    ['a Date, a Map and a toJSON', [{ a: new Date(0) }, { b: new Map([[1, 2]]) }, { c: { toJSON: () => 'j' } }]],
    ['an object of no prototype', [Object.assign(Object.create(null) as object, { b: 1, a: 2 })]],
    ['scalars and empty containers', [1, 'a', null, true, [], {}]],
    ['no items', []],
  ])('is the canonical text for %s', (_, items) => {
    expect(canonicalJsonList(items)).toBe(expected(items));
  });

  it('sorts each list of keys it has seen lately by the keys and their order, not their number', () => {
    const items: unknown[] = [];
    // More shapes than it keeps, each seen twice, and same-sized shapes in other orders.
    for (let round = 0; round < 2; round++)
      for (let n = 0; n < 20; n++)
        items.push({ [`k${n}`]: n, b: 1, a: 2 }, { a: 1, b: 2, [`k${n}`]: n }, { x: { b: n, a: n } });
    items.push(JSON.parse('{"b": 1, "10": 2}'), JSON.parse('{"b": 1, "10": 2}'), { b: 1, c: 2 });
    expect(canonicalJsonList(items)).toBe(expected(items));
  });

  it('refuses an undefined item, as canonicalJson does', () => {
    expect(() => canonicalJsonList([{ a: 1 }, undefined])).toThrow(TypeError);
  });

  it('is the canonical text of any JSON values, keys of any kind included', () => {
    const key = fc.oneof(fc.string(), fc.constantFrom('__proto__', '0', '10', '9', '01', '4294967295', '-1', 'toJSON'));
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.jsonValue({ maxDepth: 1 }),
        fc.array(tie('node'), { maxLength: 4 }),
        fc.dictionary(key, tie('node'), { maxKeys: 5 }),
      ),
    })).node;
    fc.assert(
      fc.property(fc.array(value, { maxLength: 6 }), (items) => {
        expect(canonicalJsonList(items)).toBe(expected(items));
      }),
      { numRuns: 500 },
    );
  });
});
