import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DesiredCi } from '../ci/desired-state.js';
import { ListedRefs } from './listed-refs.js';
import type { Ref } from './ref-positions.js';

const item = (cls: string, name: string): DesiredCi => ({ class: cls, name });

/** A name made anew, as a scanned CI's is cut from its page. */
const fresh = (name: string) => [...name].join('');

describe('ListedRefs', () => {
  it('takes a listing class by class with names strictly ascending, in any order of classes', () => {
    const listed = [item('server', 'a'), item('server', 'b'), item('rack', 'a'), item('database', 'z')];
    expect(ListedRefs.of(listed)).toBeDefined();
    expect(ListedRefs.of([])).toBeDefined();
  });

  it.each([
    ['a class listed in two places', [item('server', 'a'), item('rack', 'a'), item('server', 'b')]],
    ['a name repeated', [item('server', 'a'), item('server', 'a')]],
    ['names descending', [item('server', 'b'), item('server', 'a')]],
  ])('refuses %s', (_, items) => {
    expect(ListedRefs.of(items)).toBeUndefined();
  });

  it('finds each item asked for in scan order, and none for names between, before and after', () => {
    const items = [item('server', 'b'), item('server', 'd'), item('rack', 'r1'), item('server-x', 'b')];
    // The order items are listed in does not matter: classes are asked for in the scan's order.
    const refs = ListedRefs.of(items)!;
    const asked: [Ref, number | undefined][] = [
      [{ class: 'rack', name: 'r0' }, undefined],
      [{ class: 'rack', name: fresh('r1') }, 2],
      [{ class: 'rack', name: 'r2' }, undefined],
      [{ class: 'router', name: 'b' }, undefined],
      [{ class: 'server', name: 'a' }, undefined],
      [{ class: fresh('server'), name: fresh('b') }, 0],
      [{ class: 'server', name: 'c' }, undefined],
      [{ class: 'server', name: 'd' }, 1],
      [{ class: 'server', name: 'e' }, undefined],
      [{ class: 'server-x', name: 'b' }, 3],
    ];
    for (const [ref, at] of asked) expect(refs.get(ref), `${ref.class}/${ref.name}`).toBe(at);
  });

  it('answers the same when asked out of order: a name before the last, the same name twice, a class again', () => {
    const items = [item('server', 'b'), item('server', 'd'), item('server', 'f')];
    const refs = ListedRefs.of(items)!;
    expect(refs.get({ class: 'server', name: 'd' })).toBe(1);
    // Walking on from `d` would miss `b`.
    expect(refs.get({ class: 'server', name: 'b' })).toBe(0);
    expect(refs.get({ class: 'server', name: 'b' })).toBe(0);
    expect(refs.get({ class: 'server', name: 'f' })).toBe(2);
    expect(refs.get({ class: 'server', name: 'c' })).toBeUndefined();
    expect(refs.get({ class: 'rack', name: 'b' })).toBeUndefined();
  });

  it('answers as a map of class and name, whatever the listing and the order of asking (property)', () => {
    const name = fc.string({
      unit: fc.constantFrom('a', 'b', 'A', '-', '0', 'é', '\u{1F600}', '\uFFFD'),
      maxLength: 4,
    });
    const cls = fc.constantFrom('server', 'rack', 'vm');
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(cls, name), { selector: ([c, n]) => `${c}\u0000${n}`, maxLength: 40 }),
        fc.array(fc.tuple(cls, name), { maxLength: 40 }),
        fc.boolean(),
        (pairs, extra, sortAsks) => {
          // Listed class by class, names in JavaScript's order.
          const classOrder = [...new Set(pairs.map(([c]) => c))];
          const items = [...pairs]
            .sort(([c1, n1], [c2, n2]) => classOrder.indexOf(c1) - classOrder.indexOf(c2) || (n1 < n2 ? -1 : 1))
            .map(([c, n]) => item(c, n));
          const refs = ListedRefs.of(items);
          expect(refs).toBeDefined();
          const expected = new Map(items.map((it, i) => [`${it.class}\u0000${it.name}`, i]));
          // Asked for in scan order (by class, then name) or in whatever order, with names of no item.
          const asks = [...pairs, ...extra];
          if (sortAsks)
            asks.sort(([c1, n1], [c2, n2]) => (c1 < c2 ? -1 : c1 > c2 ? 1 : n1 < n2 ? -1 : n1 > n2 ? 1 : 0));
          for (const [c, n] of asks) expect(refs!.get({ class: c, name: n })).toBe(expected.get(`${c}\u0000${n}`));
        },
      ),
      { numRuns: 500 },
    );
  });
});
