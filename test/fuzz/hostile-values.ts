import fc from 'fast-check';

/**
 * Inputs an attacker or a broken client sends: SQL metacharacters, Unicode that breaks naive
 * code (bidi overrides, zero-width, combining marks, astral characters, NUL, a lone surrogate),
 * numbers at and past the edges, huge and deeply nested values.
 */
const SQLISH = [
  "' OR '1'='1",
  "'; drop table revisions; --",
  '" or ""="',
  '\\',
  'a\\',
  '%',
  '_%_',
  "\\' union select * from users --",
  '$1',
  '?',
  ':name',
  '`x`',
  "' || (select 1) || '",
  '*/ /*',
  ')))',
  '{"$gt":""}',
  '../..',
  '..',
  '.',
  '/',
  '%2e%2e%2f',
  '%00',
];
const UNICODE = [
  '\u202etxt.exe',
  'a\u200bb',
  '\ufeffbom',
  'e\u0301\u0301\u0301',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  '🧨🔥💥',
  '中文名字',
  'Ωmega',
  'ﬀ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\r\n',
  '\t',
  ' ',
  '',
];
const NUMERIC_TEXT = [
  'Infinity',
  '-Infinity',
  'NaN',
  '1e3',
  '0x10',
  '-1',
  '0',
  '99999999999999999999',
  '1.5',
  '2026-02-30',
  'T24:00',
];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...SQLISH, ...UNICODE, ...NUMERIC_TEXT) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(2_000, 70_000, 1_100_000)
      .chain((n) => fc.constantFrom('a', 'é', '🧨').map((c) => c.repeat(n))),
  },
);

export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, -1, 1, 1.5, -0.5, 2 ** 31, 2 ** 53 + 2, -(2 ** 63), 1e308, -1e308, 5e-324),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/**
 * A value nested `depth` levels deep stands in a generated value as a placeholder string, swapped
 * for its text by `toJsonText`: JSON.stringify itself runs out of stack well before 10 000 levels.
 */
const DEEP = /"\\u0001deep:(\d+):(array|object)\\u0001"/g;

export const deepValue: fc.Arbitrary<unknown> = fc
  .tuple(fc.constantFrom(40, 500, 1_000, 10_000), fc.constantFrom('array', 'object'))
  .map(([d, kind]) => `\u0001deep:${d}:${kind}\u0001`);

/** A generated value as JSON text, its deep placeholders expanded. */
export function toJsonText(value: unknown): string {
  return (JSON.stringify(value) ?? 'null').replace(DEEP, (_, d: string, kind: string) =>
    kind === 'array'
      ? '['.repeat(Number(d)) + '"leaf"' + ']'.repeat(Number(d))
      : '{"a":'.repeat(Number(d)) + '"leaf"' + '}'.repeat(Number(d)),
  );
}

/** Any JSON value, hostile at every leaf. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    hostileNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(hostileString, fc.constantFrom('__proto__', 'constructor', 'class', 'name')), tie('value'), {
      maxKeys: 4,
    }),
  ),
})).value;

/** Request bodies that are not JSON at all, or not what their content type says. */
export const malformedBodyText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    '{',
    '{"a":}',
    '[',
    'nul',
    '{"a":1,}',
    "{'a':1}",
    '\ufeff{}',
    '{"__proto__":{"admin":true}}',
    '{"constructor":{"prototype":{"x":1}}}',
    '1',
    '"text"',
    'null',
    '[]',
    '{"a":"\\ud800"}',
    '{"a":"\\u0000"}',
    '['.repeat(100_000),
    '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000),
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
);
