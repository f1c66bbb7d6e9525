import { describe, expect, it } from 'vitest';
import { contentHash } from '../shared/canonical.js';
import { MAX_FALLBACK_MATCH_LENGTH, patternProblems } from './attribute-patterns.js';
import { registryOf } from './model-changes.js';
import type { ClassDefinition } from './model.types.js';

const stored = (pattern: string): ClassDefinition => ({
  name: 'tagged',
  attributes: { type: 'object', properties: { tag: { type: 'string', pattern } } },
});

/** A registry read from stored versions, as every read and write builds it: no apply-time check runs. */
const registryWith = (c: ClassDefinition) =>
  registryOf([{ kind: 'class', name: c.name, definition: c, revFrom: 1, revTo: null, hash: contentHash(c) }]);

describe('patternProblems', () => {
  it.each([
    ['^(a+)+$', 'super-linear'],
    ['^(\\w+\\s?)*$', 'super-linear'],
    ['(a)\\1', 'not supported'],
    ['(?<=x)y', 'not supported'],
  ])('refuses %s', (pattern, says) => {
    const [problem, ...more] = patternProblems(stored(pattern).attributes, 'classes[0].attributes');
    expect(more).toEqual([]);
    expect(problem?.path).toBe('classes[0].attributes.properties.tag.pattern');
    expect(problem?.message).toContain(says);
  });

  it.each(['^[a-z0-9-]+$', '^[A-Z]{3}-\\d+$', '^\\p{L}+$'])('accepts %s', (pattern) => {
    expect(patternProblems(stored(pattern).attributes, 'a')).toEqual([]);
  });

  it('finds patterns at any depth and in patternProperties keys', () => {
    const schema = { items: [{ patternProperties: { '^(x+)+$': {} } }], not: { pattern: '(b*)*' } };
    expect(patternProblems(schema, 's').map((e) => e.path)).toEqual([
      's.not.pattern',
      's.items[0].patternProperties.^(x+)+$',
    ]);
  });
});

describe('a stored pattern at evaluation', () => {
  it('^(a+)+$ stored before the check runs in linear time: a long non-matching value returns', () => {
    // On a backtracking engine 30 characters took 17.5 s; this would never return.
    const registry = registryWith(stored('^(a+)+$'));
    const errors = registry.validateAttributes('tagged', { tag: `${'a'.repeat(100_000)}!` }, 'attributes');
    expect(errors.map((e) => e.path)).toEqual(['attributes.tag']);
    expect(registry.validateAttributes('tagged', { tag: 'aaaa' }, 'attributes')).toEqual([]);
  });

  it('a stored lookahead RE2 cannot run is tried natively, on values up to the cap only', () => {
    const registry = registryWith(stored('^(?!tmp)[a-z]+$'));
    expect(registry.validateAttributes('tagged', { tag: 'web' }, 'a')).toEqual([]);
    expect(registry.validateAttributes('tagged', { tag: 'tmpx' }, 'a')).toHaveLength(1);
    const long = 'a'.repeat(MAX_FALLBACK_MATCH_LENGTH + 1);
    expect(registry.validateAttributes('tagged', { tag: long }, 'a')).toHaveLength(1);
  });

  it('a stored super-linear lookahead never runs on the native engine', () => {
    const registry = registryWith(stored('^(?=(a+)+$)a'));
    expect(registry.validateAttributes('tagged', { tag: `${'a'.repeat(40)}!` }, 'a')).toHaveLength(1);
  });
});
