import { describe, expect, it } from 'vitest';
import type { FieldError } from './errors.js';
import fc from 'fast-check';
import { runThrough } from './pace.js';
import { collectTextProblems, holdsTextProblem, holdsTextProblemPaced, textProblem } from './well-formed-text.js';

describe('well-formed text', () => {
  it.each([
    ['plain ASCII', 'web-01', undefined],
    ['a surrogate pair (an emoji)', 'db 🗄️', undefined],
    ['accents and CJK', 'Zürich 東京', undefined],
    ['a lone high surrogate', 'a\ud800b', /lone UTF-16 surrogate/],
    ['a lone high surrogate at the end', 'abc\udbff', /lone UTF-16 surrogate/],
    ['a lone low surrogate', '\udc00x', /lone UTF-16 surrogate/],
    ['a pair in the wrong order', '\udc00\ud800', /lone UTF-16 surrogate/],
    ['NUL', 'a\u0000b', /NUL/],
  ])('%s', (_, text, expected) => {
    const problem = textProblem(text);
    if (expected === undefined) expect(problem).toBeUndefined();
    else expect(problem).toMatch(expected);
  });

  it('names each bad field of a nested value, keys included', () => {
    const errors: FieldError[] = [];
    collectTextProblems(
      {
        cis: [
          { name: 'ok' },
          { name: 'x\ud800', labels: { ['k\u0000']: 'v' }, attributes: { list: ['fine', '\u0000'] } },
        ],
        message: '\udfff',
      },
      '',
      errors,
    );
    expect(errors.map((e) => e.path)).toEqual(['cis[1].name', 'cis[1].labels', 'cis[1].attributes.list[1]', 'message']);
    expect(errors[1]!.message).toBe('has a key with a NUL character');
  });

  it('stops at the limit and survives deep nesting', () => {
    const errors: FieldError[] = [];
    collectTextProblems(
      Array.from({ length: 100 }, () => '\ud800'),
      'items',
      errors,
      5,
    );
    expect(errors).toHaveLength(5);
    let deep: unknown = '\u0000';
    for (let i = 0; i < 50_000; i++) deep = [deep];
    const deepErrors: FieldError[] = [];
    collectTextProblems(deep, 'x', deepErrors);
    expect(deepErrors).toHaveLength(1);
  });
});

describe('holdsTextProblem, the quick check before the walk', () => {
  it('says true exactly when the walk finds a problem', () => {
    const text = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('a\u0000', '\ud800', 'x\udc00y'));
    const value = fc.letrec((tie) => ({
      leaf: fc.oneof(text, fc.integer(), fc.boolean(), fc.constant(null), fc.date()),
      node: fc.oneof(
        { depthSize: 'small' },
        tie('leaf'),
        fc.array(tie('node'), { maxLength: 4 }),
        fc.dictionary(text, tie('node'), { maxKeys: 4 }),
      ),
    })).node;
    fc.assert(
      fc.property(value, (v) => {
        const errors: FieldError[] = [];
        collectTextProblems(v, '', errors);
        expect(holdsTextProblem(v)).toBe(errors.length > 0);
        expect(runThrough(holdsTextProblemPaced(v))).toBe(errors.length > 0);
      }),
      { numRuns: 2000 },
    );
  });

  it('paced, finds a problem in a list past its first slice', () => {
    const cis = Array.from({ length: 2500 }, (_, i) => ({
      class: 'server',
      name: `s${i}`,
      attributes: { os: 'linux' },
    }));
    expect(runThrough(holdsTextProblemPaced({ cis }))).toBe(false);
    cis[2100]!.attributes.os = 'x\udc00';
    const steps = holdsTextProblemPaced({ cis });
    let pauses = 0;
    for (let step = steps.next(); !step.done; step = steps.next()) pauses++;
    expect(pauses).toBe(2);
    expect(runThrough(holdsTextProblemPaced({ cis }))).toBe(true);
  });

  it('leaves a value nested past its depth to the walk', () => {
    let deep: unknown = 'fine';
    for (let i = 0; i < 100; i++) deep = [deep];
    expect(holdsTextProblem(deep)).toBe(true);
  });
});
