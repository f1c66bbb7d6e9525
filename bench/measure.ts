import { performance } from 'node:perf_hooks';

/** Latency figures of a repeated operation, in milliseconds. */
export interface Latency {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
  /** Operations per second over the whole run, run back to back. */
  opsPerSec: number;
}

export function now(): number {
  return performance.now();
}

/** Seconds taken by `work`. */
export async function seconds(work: () => Promise<unknown>): Promise<number> {
  const t = now();
  await work();
  return (now() - t) / 1000;
}

/**
 * Runs `op(k)` for k = 0..n-1 back to back and returns its latency percentiles. A short warm-up
 * first (not recorded) so that JIT compilation and the page cache do not land in the p99.
 */
export async function sample(
  n: number,
  op: (k: number) => Promise<unknown>,
  warmup = Math.min(50, n),
): Promise<Latency> {
  for (let k = 0; k < warmup; k++) await op(n + k);
  collectGarbage();
  const times = new Float64Array(n);
  const start = now();
  for (let k = 0; k < n; k++) {
    const t = now();
    await op(k);
    times[k] = now() - t;
  }
  const total = now() - start;
  times.sort();
  return {
    n,
    p50: percentile(times, 0.5),
    p95: percentile(times, 0.95),
    p99: percentile(times, 0.99),
    max: times[n - 1] ?? 0,
    mean: total / Math.max(1, n),
    opsPerSec: (n / total) * 1000,
  };
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** Runs a full GC between cases when node was started with --expose-gc (npm run bench does). */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
}
