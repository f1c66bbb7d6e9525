import { expect } from 'vitest';
import type { ImportResult } from '../../src/importers/importer.types.js';

/** How many items fall under each key, e.g. CIs by class. */
export function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

/**
 * Every CI named once, and every relationship's source among the CIs of the same result (its
 * target may be outside the input: the import resolves it or keeps it unresolved).
 */
export function expectConsistent(result: ImportResult): void {
  const refs = result.state.cis.map((ci) => `${ci.class}/${ci.name}`);
  expect(new Set(refs).size).toBe(refs.length);
  const known = new Set(refs);
  for (const relation of result.state.relations)
    expect(
      known.has(relation.from) || known.has(relation.to),
      `neither end of ${relation.from} → ${relation.to} is in the result`,
    ).toBe(true);
}
