import fc from 'fast-check';
import { configure } from 'safe-stable-stringify';
import { describe, expect, it } from 'vitest';
import { canonicalJson, canonicalRecord } from './canonical.js';

// The general encoder, configured as canonical.ts configures it: what every stored hash was taken over.
const general = configure({ deterministic: true, circularValue: Error, bigint: false });

/** The general encoder's text, or `refused` where canonicalJson must throw (nothing to write). */
function expected(v: unknown): string {
  return general(v) ?? 'refused';
}

function written(v: unknown): string {
  try {
    return canonicalJson(v);
  } catch (e) {
    if (e instanceof TypeError && e.message === 'value cannot be encoded as JSON') return 'refused';
    throw e;
  }
}

const key = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.constantFrom(
    '',
    'a',
    'B',
    'b',
    'é',
    '😀',
    '0',
    '9',
    '10',
    '1a',
    '__proto__',
    'constructor',
    'toJSON',
    '"',
    '\ud800',
  ),
);
const scalar = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
);
const value = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, scalar, tie('list'), tie('record')),
  list: fc.array(tie('value'), { maxLength: 4 }),
  record: fc.dictionary(key, tie('value'), { maxKeys: 6 }),
})).value;

describe('canonicalJson', () => {
  it('writes what the general encoder writes, for any JSON-like value', () => {
    fc.assert(
      fc.property(value, (v) => {
        expect(written(v)).toBe(expected(v));
      }),
      { numRuns: 3000 },
    );
  });

  it('writes what the general encoder writes for values only it handles', () => {
    const deep: Record<string, unknown> = {};
    let at = deep;
    for (let i = 0; i < 80; i++) {
      const next: Record<string, unknown> = { b: i, a: [i] };
      at.z = next;
      at = next;
    }
    const nullProto = Object.assign(Object.create(null) as object, { b: 1, a: { d: 2, c: 3 } });
    const odd: unknown[] = [
      JSON.parse('{"__proto__": {"b": 1, "a": 2}, "a": 0}'),
      { when: new Date(0), b: 1, a: 2 },
      { b: [{ d: 1, c: 2 }, [{ f: 1, e: 2 }]], a: null },
      { '10': 1, '9': 2, b: 3, B: 4 },
      { f: () => 1, s: Symbol('s'), u: undefined, a: 1 },
      { n: NaN, i: -Infinity, z: -0 },
      { t: { toJSON: () => ({ y: 1, x: 2 }) }, a: 1 },
      { typed: new Uint8Array([1, 2]) },
      [undefined, () => 1, { b: 1, a: 2 }],
      deep,
      nullProto,
      { big: 1n, b: 1 },
      'text',
      12,
      null,
    ];
    for (const v of odd) expect(written(v)).toBe(expected(v));
  });

  it('writes each mapping by its own keys when many share a key list, in one order or another', () => {
    // More key lists than it keeps sorted, each seen in more than one order and again later,
    // same-sized lists of other keys, and lists it must refuse seen twice.
    const items: unknown[] = [];
    for (let round = 0; round < 3; round++)
      for (let n = 0; n < 20; n++)
        items.push(
          { [`k${n}`]: n, b: { y: n, x: [n] }, a: round },
          { a: round, b: { x: [n], y: n }, [`k${n}`]: n },
          { [`j${n}`]: n, b: 1, a: 2 },
          JSON.parse(`{"b": ${n}, "1${n}": 2}`),
        );
    for (const item of items) expect(written(item)).toBe(expected(item));
    expect(written(items)).toBe(expected(items));
  });

  it('refuses what cannot be encoded, as before', () => {
    const cycle: Record<string, unknown> = { b: 1 };
    cycle.a = cycle;
    expect(() => general(cycle)).toThrow();
    expect(() => canonicalJson(cycle)).toThrow();
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
    expect(() => canonicalJson(() => 1)).toThrow(TypeError);
    // A bigint is left out, as the general encoder leaves it out.
    expect(canonicalJson({ big: 1n, a: 1 })).toBe('{"a":1}');
  });
});

describe('canonicalRecord', () => {
  it('answers the record itself when its keys are in order, and a copy in order when not', () => {
    const ordered = { a: 1, b: { c: [{ d: 1, e: 2 }] } };
    expect(canonicalRecord(ordered)).toBe(ordered);
    const unordered = { b: 1, a: { d: 2, c: 3 } };
    const copy = canonicalRecord(unordered)!;
    expect(copy).not.toBe(unordered);
    expect(JSON.stringify(copy)).toBe('{"a":{"c":3,"d":2},"b":1}');
    // The input is left as it was.
    expect(JSON.stringify(unordered)).toBe('{"b":1,"a":{"d":2,"c":3}}');
  });

  it('keeps, in a copy, the values before the first one that had to be put in order', () => {
    const first = { x: 1 };
    const copy = canonicalRecord({ a: first, b: { d: 2, c: 3 }, c: 'k' })!;
    expect(copy.a).toBe(first);
    expect(JSON.stringify(copy)).toBe('{"a":{"x":1},"b":{"c":3,"d":2},"c":"k"}');
  });

  it('answers nothing for what only the general encoder writes exactly', () => {
    expect(canonicalRecord({ '1': 1 })).toBeUndefined();
    expect(canonicalRecord({ at: new Date(0) })).toBeUndefined();
    expect(canonicalRecord(JSON.parse('{"__proto__": 1}') as Record<string, unknown>)).toBeUndefined();
  });
});
