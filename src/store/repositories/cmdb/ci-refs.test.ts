import { describe, expect, it } from 'vitest';
import { IN_CHUNK } from '../batching.js';
import { ciNameOfRow, idChunks, nameChunksByClass, namesByClass } from './ci-refs.js';

describe('CI references batched for lookups', () => {
  it('groups names by class in first-seen order, keeping each name as given', () => {
    const refs = [
      { class: 'server', name: 'b' },
      { class: 'app', name: 'x' },
      { class: 'server', name: 'a' },
      { class: 'server', name: 'b' },
    ];
    expect([...namesByClass(refs)]).toEqual([
      ['server', ['b', 'a', 'b']],
      ['app', ['x']],
    ]);
  });

  it('hands out each class with its distinct names, at most an IN list at a time', () => {
    const names = Array.from({ length: IN_CHUNK + 2 }, (_, i) => `n${i}`);
    const refs = [...names, 'n0'].map((name) => ({ class: 'server', name })).concat([{ class: 'app', name: 'x' }]);
    const chunks = [...nameChunksByClass(refs)];
    expect(chunks.map(([cls, part]) => [cls, part.length])).toEqual([
      ['server', IN_CHUNK],
      ['server', 2],
      ['app', 1],
    ]);
    expect(chunks.flatMap(([cls, part]) => (cls === 'server' ? part : []))).toEqual(names);
  });

  it('hands out distinct ids, at most an IN list at a time, and none for none', () => {
    const ids = Array.from({ length: IN_CHUNK + 1 }, (_, i) => `ci_${i}`);
    expect(idChunks([...ids, 'ci_0']).map((part) => part.length)).toEqual([IN_CHUNK, 1]);
    expect(idChunks([])).toEqual([]);
  });

  it('reads id, class and name from the first columns of a row array', () => {
    expect(ciNameOfRow(['ci_1', 'server', 'web-01', 'ignored'])).toEqual({
      id: 'ci_1',
      class: 'server',
      name: 'web-01',
    });
  });
});
