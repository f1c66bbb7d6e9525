/**
 * How many inputs the property and fuzz suites try, and from which seed. `npm test` uses the
 * fixed defaults (the same inputs every run, a bounded time); `npm run fuzz` multiplies every
 * count by FUZZ_RUNS (20 unless set), and FUZZ_SEED explores other inputs (a failure prints its
 * seed and path to replay).
 */
const seedText = process.env.FUZZ_SEED;
const runsText = process.env.FUZZ_RUNS;

/** The seed of every property and fuzz run (fixed in `npm test`). */
export const FUZZ_SEED = seedText === undefined || seedText === '' ? 20261204 : Number(seedText);

/**
 * The timeout of one property or fuzz test: each runs many writes on a real database, and on a
 * shared, loaded machine a bounded count can still outlast vitest's default 30 s. Never a hang
 * hidden: a hang outlasts this too.
 */
export const SUITE_TIMEOUT_MS = 180_000;

/** `base` runs times FUZZ_RUNS (unset: `base` itself). */
export function runs(base: number): number {
  if (runsText === undefined || runsText === '') return base;
  return Math.max(1, Math.round(base * Number(runsText)));
}

if (!Number.isInteger(FUZZ_SEED)) throw new Error(`FUZZ_SEED must be an integer, got "${seedText}"`);
if (runsText !== undefined && runsText !== '' && !(Number(runsText) > 0))
  throw new Error(`FUZZ_RUNS must be a positive number, got "${runsText}"`);
