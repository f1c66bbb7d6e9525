import { monotonicFactory } from 'ulidx';

/** Generates prefixed, time-ordered ids (`ci_01J…`); sorted ids sort by creation time. */
export interface IdGenerator {
  next(prefix: string): string;
}

export function ulidIds(): IdGenerator {
  const ulid = monotonicFactory();
  return { next: (prefix) => `${prefix}_${ulid()}` };
}

/** Deterministic ids for tests: `ci_000001`, `ci_000002`, … */
export function sequentialIds(): IdGenerator {
  let n = 0;
  return { next: (prefix) => `${prefix}_${String(++n).padStart(6, '0')}` };
}
