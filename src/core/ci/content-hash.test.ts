import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentHash } from '../shared/canonical.js';
import { ciContent, relationContent } from './ci.types.js';
import { ciContentHash, relationContentHash } from './content-hash.js';

// Every string the encoder must escape like the canonical JSON does: quotes, backslashes,
// control characters, lone surrogates, and ordinary and astral text.
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom('', '"', '\\', '\u0000', '\u001f', '\n', '\ud800', '\udfff', 'é', '😀', 'a/b', '\u2028'),
);
const json = fc.jsonValue({ maxDepth: 3 });
// Flat values (most attributes), numbers of every kind included (-0, NaN and ±Infinity too).
const flat = fc.oneof(text, fc.double(), fc.integer(), fc.boolean(), fc.constant(null));
const record = fc.oneof(fc.dictionary(text, json, { maxKeys: 6 }), fc.dictionary(text, flat, { maxKeys: 8 }));
const labels = fc.dictionary(text, text, { maxKeys: 4 });

describe('content hashes written out for the fixed shapes', () => {
  it('hash a CI exactly as the canonical JSON of its content does', () => {
    fc.assert(
      fc.property(text, text, text, record, labels, (cls, name, status, attributes, l) => {
        const v = { class: cls, name, status, attributes, labels: l };
        expect(ciContentHash(v)).toBe(contentHash(ciContent(v)));
      }),
      { numRuns: 2000 },
    );
  });

  it('hash a relationship exactly as the canonical JSON of its content does', () => {
    fc.assert(
      fc.property(text, text, text, record, (type, sourceId, targetId, attributes) => {
        const v = { type, sourceId, targetId, attributes };
        expect(relationContentHash(v)).toBe(contentHash(relationContent(v)));
      }),
      { numRuns: 2000 },
    );
  });

  it('take the general path for what is not of the usual shape', () => {
    const odd = [
      { class: 'server', name: 'a', status: 'active', attributes: { at: new Date(0) }, labels: {} },
      { class: 'server', name: 'a', status: 'active', attributes: new Date(0), labels: {} },
      { class: 'server', name: 'a', status: 'active', attributes: [1, 2], labels: {} },
      { class: 'server', name: 'a', status: undefined, attributes: {}, labels: {} },
      { class: 'server', name: 'a', status: 'active', attributes: { a: undefined, b: 1 }, labels: {} },
      { class: 'server', name: 'a', status: 'active', attributes: { b: 1n }, labels: {} },
      { class: 'server', name: 'a', status: 'active', attributes: { n: NaN, i: -Infinity, z: -0 }, labels: {} },
      { class: 'server', name: 'a', status: 'active', attributes: { '10': 1, '9': 2, b: 3, B: 4, é: 5 }, labels: {} },
      {
        class: 'server',
        name: 'a',
        status: 'active',
        attributes: { z: 1, a: { y: 2, b: 3 } },
        labels: { b: 'x', a: 'y' },
      },
    ] as unknown as Parameters<typeof ciContentHash>[0][];
    for (const v of odd) expect(ciContentHash(v)).toBe(contentHash(ciContent(v)));
    const rel = { type: 'runs_on', sourceId: 'ci_1', targetId: 'ci_2', attributes: Object.create(null) as object };
    expect(relationContentHash(rel as never)).toBe(contentHash(relationContent(rel as never)));
  });
});
