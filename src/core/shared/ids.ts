import { randomFillSync } from 'node:crypto';

/** Generates prefixed, time-ordered ids (`ci_01J…`); sorted ids sort by creation time. */
export interface IdGenerator {
  next(prefix: string): string;
}

/** Crockford's base32, the ULID alphabet. */
const B32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Every pair of base32 digits (10 bits), so that the random part's low 20 bits are two look-ups. */
const PAIRS = Array.from({ length: 1024 }, (_, n) => B32[n >> 5]! + B32[n & 31]!);
/** The low random digits kept as a number and incremented; the 12 digits above them change only on a carry. */
const LOW = 2 ** 20;
const TIME_LEN = 10;
const HIGH_LEN = 12;
/** Random bytes drawn at once: a fresh millisecond takes 10 (80 bits), so one draw serves hundreds. */
const POOL = 4096;

/**
 * Monotonic ULIDs (https://github.com/ulid/spec): 48 bits of milliseconds and 80 random bits in
 * Crockford base32; within one millisecond (or while the clock stands behind the last id's) the
 * random part is the previous one plus 1, so ids made by one generator sort in the order made.
 * The same ids the `ulidx` package's monotonic factory makes, without its per-call string work:
 * an import makes one per version it writes (issue 14). The low 20 bits are kept as a number,
 * the time and the high 60 bits as text, each redone only when it changes.
 */
export function ulidIds(now: () => number = Date.now): IdGenerator {
  let lastTime = -1;
  let timeText = '';
  /** The random part's 16 digits, high first; the last four stand for `low`. */
  const digits = new Uint8Array(16);
  let highText = '';
  let low = 0;
  const pool = new Uint8Array(POOL);
  let used = POOL;
  const fresh = () => {
    if (used + 10 > POOL) {
      randomFillSync(pool);
      used = 0;
    }
    // 80 bits as 16 digits of 5 bits each: two 40-bit halves of 5 bytes.
    for (let half = 0; half < 2; half++) {
      let bits = 0;
      for (let b = 0; b < 5; b++) bits = bits * 256 + pool[used++]!;
      for (let d = 7; d >= 0; d--) {
        digits[half * 8 + d] = bits % 32;
        bits = Math.floor(bits / 32);
      }
    }
    highText = textOf(digits, 0, HIGH_LEN);
    low = ((digits[12]! * 32 + digits[13]!) * 32 + digits[14]!) * 32 + digits[15]!;
  };
  const carry = () => {
    // The low 20 bits wrapped: add one to the 60 bits above them.
    for (let d = HIGH_LEN - 1; d >= 0; d--) {
      if (digits[d]! < 31) {
        digits[d]!++;
        highText = textOf(digits, 0, HIGH_LEN);
        return;
      }
      digits[d] = 0;
    }
    throw new Error('cannot make a monotonic id: the random part of this millisecond is exhausted');
  };
  return {
    next(prefix) {
      const t = now();
      if (t > lastTime) {
        lastTime = t;
        timeText = timeOf(t);
        fresh();
      } else if (++low === LOW) {
        low = 0;
        carry();
      }
      return `${prefix}_${timeText}${highText}${PAIRS[low >> 10]!}${PAIRS[low & 1023]!}`;
    },
  };
}

function textOf(digits: Uint8Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i++) s += B32[digits[i]!]!;
  return s;
}

function timeOf(ms: number): string {
  let s = '';
  for (let i = 0; i < TIME_LEN; i++) {
    s = B32[ms % 32]! + s;
    ms = Math.floor(ms / 32);
  }
  return s;
}

/** Deterministic ids for tests: `ci_000001`, `ci_000002`, … */
export function sequentialIds(): IdGenerator {
  let n = 0;
  return { next: (prefix) => `${prefix}_${String(++n).padStart(6, '0')}` };
}
