import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FieldError } from '../shared/errors.js';
import { checkItemLimits, MAX_VALUE_CHARS } from '../shared/limits.js';
import { holdsTextProblem } from '../shared/well-formed-text.js';
import { holdsBadJson } from './desired-state-input.js';
import { isSoundItem } from './sound-item.js';

/** What the three checks say of an item, each on its own (as checkItem ran them before). */
function passesEachCheck(item: unknown): boolean {
  const errors: FieldError[] = [];
  if (checkItemLimits(item, '', errors)) return false;
  if (holdsTextProblem(item)) return false;
  return !holdsBadJson((item as { attributes?: unknown }).attributes ?? null);
}

const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.constantFrom('', 'a', '\u0000', '\ud800', '\udfff', '😀', 'é', '"'),
);
const value = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    text,
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    tie('list'),
    tie('record'),
  ),
  list: fc.array(tie('value'), { maxLength: 3 }),
  record: fc.dictionary(text, tie('value'), { maxKeys: 4 }),
})).value;
const item = fc.record(
  {
    class: text,
    name: text,
    attributes: fc.dictionary(text, value, { maxKeys: 5 }),
    labels: fc.dictionary(text, text),
  },
  { requiredKeys: ['class', 'name'] },
);

describe('isSoundItem', () => {
  it('never passes an item one of the three checks would stop', () => {
    fc.assert(
      fc.property(item, (i) => {
        if (isSoundItem(i)) expect(passesEachCheck(i)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('passes the usual item, and doubts each kind of problem', () => {
    const usual = {
      class: 'server',
      name: 'web-1',
      status: 'active',
      attributes: { os: 'linux', cpu: 4, up: true, none: null, tags: ['a'], nested: { a: [1, { b: 'c' }] } },
      labels: { team: 'ops' },
    };
    expect(isSoundItem(usual)).toBe(true);
    const deep: Record<string, unknown> = {};
    let at = deep;
    for (let i = 0; i < 40; i++) {
      const next: Record<string, unknown> = {};
      at.x = next;
      at = next;
    }
    const doubtful = [
      { ...usual, name: 'web\u0000' },
      { ...usual, attributes: { 'k\ud800': 1 } },
      { ...usual, attributes: { n: NaN } },
      { ...usual, attributes: { u: undefined } },
      { ...usual, attributes: { d: new Date(0) } },
      { ...usual, attributes: { big: 'x'.repeat(MAX_VALUE_CHARS) } },
      { ...usual, attributes: { deep } },
      { ...usual, attributes: { list: [1, undefined, 3] } },
      { ...usual, attributes: { holes: new Array<unknown>(2) } },
      { ...usual, labels: { team: () => 1 } },
      [usual],
      null,
    ];
    for (const d of doubtful) expect(isSoundItem(d)).toBe(false);
  });
});
