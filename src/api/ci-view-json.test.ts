import { describe, expect, it } from 'vitest';
import { toCiView, type CiVersion } from '../core/ci/ci.types.js';
import { rememberStoredJson } from '../core/ci/stored-json.js';
import { ciViewJson } from './ci-view-json.js';
import { schemaJson } from '../../test/helpers/ci-view-schema.js';

/** A CI as read from SQLite: its values parsed from the texts JSON.stringify wrote, the texts remembered. */
function readBack(
  attributes: Record<string, unknown>,
  labels: Record<string, string> = {},
  name = 'web-01',
): CiVersion {
  const texts = { attributes: JSON.stringify(attributes), labels: JSON.stringify(labels) };
  const ci: CiVersion = {
    id: 'ci_01J0000000000000000000000',
    class: 'server',
    name,
    status: 'active',
    attributes: JSON.parse(texts.attributes) as Record<string, unknown>,
    labels: JSON.parse(texts.labels) as Record<string, string>,
    source: null,
    revFrom: 42,
    revTo: null,
    hash: 'h',
    attributeSources: {},
  };
  rememberStoredJson(ci, texts);
  return ci;
}

describe('a CI written with its stored JSON spliced in', () => {
  it.each([
    ['empty values', {}, {}],
    ['plain values', { os: 'ubuntu', cpu: 4, ok: true, none: null, list: [1, 'two', { three: 3 }] }, { team: 'web' }],
    [
      'keys that are array indexes, which JavaScript orders first',
      { b: 1, 10: 'ten', 2: 'two', a: { 1: 1, z: 0 } },
      {},
    ],
    ['numbers', { small: 1e-7, big: 1e21, neg: -0, frac: 0.1 + 0.2, max: Number.MAX_SAFE_INTEGER }, {}],
    [
      'text to escape and beyond ASCII',
      { 'quote"key': 'a "quoted" \\ path\ttab', emoji: 'café 🚀', ctrl: '\u0001\u001f' },
      { 'k"': 'v\\', ü: 'ß' },
    ],
    ['a long string', { long: 'x'.repeat(6000), mid: 'é'.repeat(60) }, {}],
    ['__proto__ as a key', JSON.parse('{"__proto__":{"a":1},"b":2}') as Record<string, unknown>, {}],
  ])('writes the bytes the schema writes: %s', async (_what, attributes, labels) => {
    const ci = readBack(attributes, labels);
    const spliced = ciViewJson(ci);
    expect(spliced).toBeDefined();
    expect(spliced).toBe(await schemaJson(toCiView(ci)));
  });

  it('escapes the id, class, name and status as the schema does', async () => {
    const ci = readBack({}, {}, 'a"b\\c\u0007é');
    expect(ciViewJson(ci)).toBe(await schemaJson(toCiView(ci)));
  });

  it.each([
    ['a line feed', { 'two\nlines': 1 }, {}],
    ['a carriage return', { 'cr\rkey': 1 }, {}],
    ['a line separator', {}, { 'ls\u2028key': 'v' }],
    ['a paragraph separator', { 'ps\u2029key': 1 }, {}],
  ])('keeps a key that holds %s, as the schema does', async (_what, attributes, labels) => {
    const ci = readBack(attributes, labels);
    const spliced = ciViewJson(ci);
    expect(JSON.parse(spliced!)).toMatchObject({ attributes, labels });
    expect(spliced).toBe(await schemaJson(toCiView(ci)));
  });

  it('leaves it to the schema when the store gave no text (PostgreSQL, or a CI built in memory)', () => {
    const ci = { ...readBack({ a: 1 }) };
    expect(ciViewJson(ci)).toBeUndefined();
  });
});
