import { describe, expect, it } from 'vitest';
import { emptyDesiredState, formatRef, parseRef } from './desired-state.js';

// `class/name` as typed → what parseRef reads (undefined: not a reference).
const REFS: [string, { class: string; name: string } | undefined][] = [
  ['server/web-01', { class: 'server', name: 'web-01' }],
  ['server/a/b/c', { class: 'server', name: 'a/b/c' }],
  ['service/shop front', { class: 'service', name: 'shop front' }],
  ['k8s_deployment/ns/app', { class: 'k8s_deployment', name: 'ns/app' }],
  ['server//x', { class: 'server', name: '/x' }],
  ['server', undefined],
  ['', undefined],
  ['/web-01', undefined],
  ['server/', undefined],
  ['/', undefined],
];

describe('parseRef', () => {
  it.each(REFS)('%j', (text, expected) => {
    expect(parseRef(text)).toEqual(expected);
  });

  it.each(REFS.filter(([, ref]) => ref !== undefined))('formatRef gives %j back', (text, ref) => {
    expect(formatRef(ref!)).toBe(text);
  });
});

describe('emptyDesiredState', () => {
  it('has no CIs, no relationships and nothing to delete', () => {
    expect(emptyDesiredState()).toEqual({ cis: [], relations: [] });
  });

  it('is a new object each time', () => {
    const a = emptyDesiredState();
    a.cis.push({ class: 'server', name: 'x' });
    expect(emptyDesiredState().cis).toEqual([]);
  });
});
