import type { BenchContext } from '../context.js';
import { META } from '../context.js';
import { now, percentile } from '../measure.js';
import { change } from './history.js';

/** Concurrent writers of the case: the figure for PostgreSQL (issue 14 §4). */
const WRITERS = 8;

/**
 * Single-CI changes (cmdb.apply, one revision each) from WRITERS writers at once in this process,
 * each issuing its next change as soon as its last one is answered; beside it, in the same run,
 * the same number of changes from one writer, back to back. With `synchronous_commit = on`, the
 * writers' changes can only go faster than one writer's if their commits are grouped (the
 * store's write queue: one transaction, a savepoint per change).
 */
export async function concurrentWritesCase(ctx: BenchContext): Promise<void> {
  const n = ctx.samples.concurrentChanges;
  ctx.log(`single-CI changes, ${WRITERS} writers at once, ${n} in all, and ${n} from one writer`);
  const apply = (k: number) =>
    ctx.services.cmdb.apply(
      { cis: [change(ctx, ctx.estate.sampleIndex(3, k), 20_000 + k)], relations: [] },
      { ...META, message: `concurrent change ${k}` },
    );
  for (let k = 0; k < WRITERS * 4; k++) await apply(3 * n + k); // warm-up, not recorded
  const one = await writers(1, n, (k) => apply(k));
  const many = await writers(WRITERS, n, (k) => apply(n + k));
  ctx.record(
    'concurrent.ops',
    many.opsPerSec,
    `${n} changes; one writer in the same run: ${one.opsPerSec.toFixed(0)}/s`,
  );
  ctx.record('concurrent.p50', many.p50, `one writer: p50 ${one.p50.toFixed(2)} ms`);
  ctx.record(
    'concurrent.p99',
    many.p99,
    `one writer: p99 ${one.p99.toFixed(2)} ms, max ${WRITERS} writers ${many.max.toFixed(1)} ms`,
  );
  ctx.record('concurrent.vs_one', many.opsPerSec / one.opsPerSec);
}

/** Runs ops 0..n-1 from `count` writers, each taking the next op when its last is answered. */
async function writers(
  count: number,
  n: number,
  op: (k: number) => Promise<unknown>,
): Promise<{ opsPerSec: number; p50: number; p99: number; max: number }> {
  const times = new Float64Array(n);
  let next = 0;
  const start = now();
  const writer = async () => {
    for (let k = next++; k < n; k = next++) {
      const t = now();
      await op(k);
      times[k] = now() - t;
    }
  };
  await Promise.all(Array.from({ length: count }, writer));
  const total = now() - start;
  times.sort();
  return {
    opsPerSec: (n / total) * 1000,
    p50: percentile(times, 0.5),
    p99: percentile(times, 0.99),
    max: times[n - 1] ?? 0,
  };
}
