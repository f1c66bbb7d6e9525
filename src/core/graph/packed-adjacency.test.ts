import { describe, expect, it } from 'vitest';
import { PackedAdjacency } from './packed-adjacency.js';

function listOf(adjacency: PackedAdjacency, owner: number): number[] {
  const out: number[] = [];
  adjacency.forEach(owner, (other, type) => out.push(other, type));
  return out;
}

describe('PackedAdjacency', () => {
  it('keeps each owner its pairs in the order pushed, across the packing and later pushes', () => {
    const a = new PackedAdjacency();
    // Enough pairs to grow the staging arrays several times.
    for (let i = 0; i < 5000; i++) a.push(i % 7, i, i % 3);
    const expected = (owner: number) =>
      Array.from({ length: 5000 }, (_, i) => i).flatMap((i) => (i % 7 === owner ? [i, i % 3] : []));
    expect(listOf(a, 3)).toEqual(expected(3));
    // Pushed after packing: appended to the owner's list; a new owner gets a list of its own.
    a.push(3, 9999, 1);
    a.push(12, 1, 2);
    expect(listOf(a, 3)).toEqual([...expected(3), 9999, 1]);
    expect(listOf(a, 12)).toEqual([1, 2]);
    expect(listOf(a, 0)).toEqual(expected(0));
    expect(listOf(a, 11)).toEqual([]);
  });

  it('keeps the order across the staging chunks: many full ones and a last one part filled', () => {
    const a = new PackedAdjacency();
    // 2.5 chunks of 65 536 past the small first ones, owners spread so each list spans chunks.
    const n = 200_003;
    for (let i = 0; i < n; i++) a.push((i * 7919) % 1009, i, i % 5);
    const expected = new Map<number, number[]>();
    for (let i = 0; i < n; i++) {
      const owner = (i * 7919) % 1009;
      if (!expected.has(owner)) expected.set(owner, []);
      expected.get(owner)?.push(i, i % 5);
    }
    for (const owner of [0, 1, 500, 1008]) expect(listOf(a, owner)).toEqual(expected.get(owner));
    let total = 0;
    for (let owner = 0; owner < 1009; owner++) total += listOf(a, owner).length;
    expect(total).toBe(2 * n);
    expect(listOf(a, 1009)).toEqual([]);
  });

  it('removes every copy of a pair, from a packed list and from a changed one, and nothing else', () => {
    const a = new PackedAdjacency();
    a.push(0, 5, 1);
    a.push(0, 6, 1);
    a.push(0, 5, 1);
    a.push(0, 5, 2);
    a.push(1, 5, 1);
    a.remove(0, 5, 1);
    expect(listOf(a, 0)).toEqual([6, 1, 5, 2]);
    expect(listOf(a, 1)).toEqual([5, 1]);
    a.remove(0, 7, 1);
    a.remove(9, 5, 1);
    expect(listOf(a, 0)).toEqual([6, 1, 5, 2]);
    a.push(0, 8, 1);
    a.remove(0, 6, 1);
    expect(listOf(a, 0)).toEqual([5, 2, 8, 1]);
  });
});
