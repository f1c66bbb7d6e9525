import { decodeTime, isValid } from 'ulidx';
import { describe, expect, it } from 'vitest';
import { ulidIds } from './ids.js';

const ULID = /^ci_[0-9A-HJKMNP-TV-Z]{26}$/;

describe('ulidIds', () => {
  it('makes prefixed ULIDs that carry the time they were made at', () => {
    const at = Date.UTC(2026, 11, 5, 22, 15, 0, 123);
    const id = ulidIds(() => at).next('ci');
    expect(id).toMatch(ULID);
    expect(isValid(id.slice(3))).toBe(true);
    expect(decodeTime(id.slice(3))).toBe(at);
  });

  it('sorts ids in the order made: within a millisecond, across milliseconds and when the clock goes back', () => {
    let t = 1_700_000_000_000;
    const times = [0, 0, 0, 1, 1, -5, -5, 2, 40, 40];
    let k = 0;
    const ids = ulidIds(() => t + times[k++ % times.length]!);
    const made: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      if (i % times.length === 0) t += 50;
      made.push(ids.next('ci'));
    }
    for (let i = 1; i < made.length; i++) expect(made[i]! > made[i - 1]!, `${made[i]} after ${made[i - 1]}`).toBe(true);
    expect(new Set(made).size).toBe(made.length);
    for (const id of made) expect(id).toMatch(ULID);
  });

  it('carries into the high random digits when the low ones wrap within one millisecond', () => {
    const ids = ulidIds(() => 1_700_000_000_000);
    const made: string[] = [];
    // 2^20 low values: at least one wrap is crossed, wherever the random start fell.
    for (let i = 0; i <= 2 ** 20; i++) made.push(ids.next('ci'));
    for (let i = 1; i < made.length; i++)
      if (!(made[i]! > made[i - 1]!)) throw new Error(`${made[i]} after ${made[i - 1]}`);
    const highs = new Set(made.map((id) => id.slice(13, 25)));
    expect(highs.size).toBe(2);
  });

  it('draws a fresh random part for each new millisecond', () => {
    let t = 1_700_000_000_000;
    const ids = ulidIds(() => t++);
    const randoms = new Set(Array.from({ length: 1000 }, () => ids.next('ci').slice(13)));
    expect(randoms.size).toBe(1000);
  });
});
