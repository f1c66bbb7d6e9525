import { describe, expect, it } from 'vitest';
import { RefPositions } from './ref-positions.js';

describe('RefPositions', () => {
  const n = 5000;

  // Room made for none (many growths), for fewer than set, and for all of them at once.
  it.each([0, 10, 2 * n + 2])('keeps one position per class and name, the last set, room made for %i', (expected) => {
    const positions = new RefPositions(expected);
    // The same names under two classes, and names that are each other's class.
    for (let i = 0; i < n; i++) {
      positions.set({ class: 'server', name: `web-${i}` }, i);
      positions.set({ class: 'database', name: `web-${i}` }, n + i);
    }
    positions.set({ class: 'a', name: 'b' }, -5);
    positions.set({ class: 'b', name: 'a' }, -6);
    for (let i = 0; i < n; i += 2) positions.set({ class: 'server', name: `web-${i}` }, 3 * n + i);
    expect(positions.size).toBe(2 * n + 2);
    for (let i = 0; i < n; i++) {
      // Asked with strings made anew, as a scanned CI's are.
      expect(positions.get({ class: 'server', name: ['web', i].join('-') })).toBe(i % 2 === 0 ? 3 * n + i : i);
      expect(positions.get({ class: ['data', 'base'].join(''), name: `web-${i}` })).toBe(n + i);
    }
    expect([positions.get({ class: 'a', name: 'b' }), positions.get({ class: 'b', name: 'a' })]).toEqual([-5, -6]);
    expect(positions.get({ class: 'server', name: `web-${n}` })).toBeUndefined();
    expect(positions.get({ class: 'rack', name: 'web-1' })).toBeUndefined();
  });
});
