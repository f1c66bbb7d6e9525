import { describe, expect, it } from 'vitest';
import type { FieldChange } from './diff.js';
import { lineRevisions, type VersionSpan } from './diff-provenance.js';

type V = VersionSpan & { cpu: number };
const v = (id: string, revFrom: number, revTo: number | null, cpu = 1): V => ({ id, revFrom, revTo, cpu });
const cpuChanges = (a: V, b: V): FieldChange[] =>
  a.cpu === b.cpu ? [] : [{ path: 'cpu', from: a.cpu, to: b.cpu, change: 'changed' }];

describe('lineRevisions over the forward range (2, 9]', () => {
  it.each<[string, V[], V[], { created?: number; ended?: number; cpu?: number }]>([
    ['created in 3, changed in 5: created by 3', [], [v('a', 3, 5), v('a', 5, null, 2)], { created: 3 }],
    ['deleted in 6 after a change in 4: ended by 6', [v('a', 1, 4)], [v('a', 4, 6, 2)], { ended: 6 }],
    [
      'cpu changed in 3 and again in 7: credited to 7',
      [v('a', 1, 3)],
      [v('a', 3, 7, 2), v('a', 7, null, 3)],
      { cpu: 7 },
    ],
    [
      'cpu changed in 3, a no-op for it in 7: credited to 3',
      [v('a', 1, 3)],
      [v('a', 3, 7, 2), v('a', 7, null, 2)],
      { cpu: 3 },
    ],
    [
      'deleted in 4 and written again under its id in 6: created by 6',
      [],
      [v('a', 3, 4), v('a', 6, null)],
      { created: 6 },
    ],
    ['live after the range: still counts as live', [], [v('a', 5, 12)], { created: 5 }],
    // The store returns the versions begun in the range in no particular order.
    [
      'versions begun in the range read newest first: credited to 7',
      [v('a', 1, 3)],
      [v('a', 8, null, 3), v('a', 7, 8, 3), v('a', 3, 7, 2)],
      { cpu: 7 },
    ],
    [
      'created in 3, read after its later versions: created by 3',
      [],
      [v('a', 5, null, 2), v('a', 3, 5)],
      { created: 3 },
    ],
  ])('%s', (_label, ended, begun, expected) => {
    const lines = lineRevisions(ended, begun, 9, cpuChanges);
    expect(lines.created.get('a')).toBe(expected.created);
    expect(lines.ended.get('a')).toBe(expected.ended);
    expect(lines.fields.get('a')?.get('cpu')).toBe(expected.cpu);
  });

  it('leaves out an item created and deleted inside the range', () => {
    const lines = lineRevisions([], [v('a', 3, 5)], 9, cpuChanges);
    expect([lines.created.size, lines.ended.size, lines.fields.size]).toEqual([0, 0, 0]);
  });
});
