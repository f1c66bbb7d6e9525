import { describe, expect, it } from 'vitest';
import type { FieldError } from './errors.js';
import { checkItemLimits, MAX_VALUE_CHARS, MAX_VALUE_DEPTH, measureJson } from './limits.js';

describe('measureJson', () => {
  it('counts a value as its JSON text, and its nesting', () => {
    const v = { a: [1, 'xy', null], b: { c: true } };
    expect(measureJson(v, 1000, 10)).toEqual({ chars: JSON.stringify(v).length, depth: 2 });
  });

  it('stops at the first level past the depth asked, whatever the depth of the value', () => {
    let v: unknown = 'x';
    for (let i = 0; i < 1_000_000; i++) v = [v];
    expect(measureJson(v, Number.MAX_SAFE_INTEGER, 32).depth).toBe(33);
  });

  it('stops past the size asked on a value repeated through shared references (YAML aliases) and on a cycle', () => {
    let v: unknown = 'x'.repeat(1000);
    for (let i = 0; i < 40; i++) v = [v, v, v, v, v, v, v, v, v, v];
    expect(measureJson(v, 10_000, 64).chars).toBeGreaterThan(10_000);
    const cycle: unknown[] = [];
    cycle.push(cycle);
    expect(measureJson(cycle, 10_000, 1_000_000).chars).toBeGreaterThan(10_000);
  });
});

describe('checkItemLimits', () => {
  const check = (item: unknown, path = 'cis[0]') => {
    const errors: FieldError[] = [];
    return { over: checkItemLimits(item, path, errors), errors };
  };
  let deep: unknown = 1;
  for (let i = 0; i < MAX_VALUE_DEPTH + 1; i++) deep = [deep];

  it('names each attribute over its limits, and the item when the whole is over', () => {
    expect(check({ attributes: { ok: 1, deep, big: 'x'.repeat(MAX_VALUE_CHARS) } }).errors.map((e) => e.path)).toEqual([
      'cis[0].attributes.deep',
      'cis[0].attributes.big',
    ]);
    const third = 'x'.repeat(MAX_VALUE_CHARS - 10);
    expect(check({ attributes: { a: third, b: third, c: third } }).errors.map((e) => e.path)).toEqual(['cis[0]']);
    expect(check({ attributes: { a: third }, labels: { b: third, c: third } }).errors.map((e) => e.path)).toEqual([
      'cis[0]',
    ]);
  });

  it('passes an item within the limits, and one read alone names its fields without a prefix', () => {
    expect(check({ attributes: { a: { b: [1, 2] } }, labels: { team: 'web' } })).toEqual({ over: false, errors: [] });
    expect(check({ attributes: { deep } }, '').errors.map((e) => e.path)).toEqual(['attributes.deep']);
  });
});
