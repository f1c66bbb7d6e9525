import { describe, expect, it } from 'vitest';
import { compareSemVer, compareVersionText, parseSemVer } from './semver.js';

/** SemVer 2.0.0 §11's examples, in precedence order, and the issue's own. */
const ORDERED = [
  '1.0.0-alpha',
  '1.0.0-alpha.1',
  '1.0.0-alpha.beta',
  '1.0.0-beta',
  '1.0.0-beta.2',
  '1.0.0-beta.11',
  '1.0.0-rc.1',
  '1.0.0',
  '2.0.0',
  '2.1.0',
  '2.1.1',
  '1.9.3',
  '1.10.0',
].sort(compareVersionText);

describe('semantic versions', () => {
  it('order as the spec’s table says: pre-releases before their release, numbers numerically', () => {
    expect(ORDERED).toEqual([
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.9.3',
      '1.10.0',
      '2.0.0',
      '2.1.0',
      '2.1.1',
    ]);
  });

  it.each([
    ['1.10.0', '1.9.3', 1],
    ['1.9.3', '1.10.0', -1],
    ['2.0.0-rc.1', '1.99.99', 1],
    ['1.0.0-rc.1', '1.0.0', -1],
    ['1.0.0', '1.0.0-rc.1', 1],
    ['1.0.0-alpha.1', '1.0.0-alpha', 1],
    ['1.0.0-1', '1.0.0-alpha', -1], // numeric identifiers before alphanumeric ones
    ['1.0.0-alpha.10', '1.0.0-alpha.9', 1],
    ['1.0.0-beta.11', '1.0.0-beta.2', 1],
    ['1.0.0-rc.100000000000000000001', '1.0.0-rc.99999999999999999999', 1], // beyond a double
    ['1.0.0-Z', '1.0.0-a', -1], // ASCII order
    ['1.0.0+build.1', '1.0.0+build.2', 0], // build metadata is not ordered
    ['1.0.0-rc.1+a', '1.0.0-rc.1', 0],
    ['3.2.1', '3.2.1', 0],
  ])('%s against %s is %i', (a, b, expected) => {
    expect(compareVersionText(a, b)).toBe(expected);
  });

  it('parses the parts and keeps build metadata', () => {
    expect(parseSemVer('1.2.3-rc.1+sha.5114f85')).toEqual({
      major: 1,
      minor: 2,
      patch: 3,
      prerelease: ['rc', '1'],
      build: ['sha', '5114f85'],
    });
  });

  it.each([
    '1.2',
    '1',
    'v1.2.3',
    '01.2.3',
    '1.02.3',
    '1.2.3-01',
    '1.2.3-',
    '1.2.3+',
    '1.2.3-rc..1',
    '1.2.3 ',
    ' 1.2.3',
    '1.2.3-rc_1',
    '',
    '99999999999999999999.0.0',
    `1.0.0-${'a'.repeat(300)}`,
  ])('refuses %j', (text) => {
    expect(parseSemVer(text)).toBeUndefined();
  });

  it('is a total order: antisymmetric and transitive on the table', () => {
    const parsed = ORDERED.map((v) => parseSemVer(v)!);
    for (let i = 0; i < parsed.length; i++)
      for (let j = 0; j < parsed.length; j++)
        expect(Math.sign(compareSemVer(parsed[i]!, parsed[j]!))).toBe(Math.sign(i - j));
  });
});
