import type { BenchContext } from '../context.js';
import { META } from '../context.js';
import { now, percentile } from '../measure.js';
import { serverCpu, serverCpuBetween } from '../server-cpu.js';
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
  const one = await measured(ctx, () => writers(1, n, (k) => apply(k)));
  const many = await measured(ctx, () => writers(WRITERS, n, (k) => apply(n + k)));
  ctx.record(
    'concurrent.ops',
    many.opsPerSec,
    `${n} changes; one writer in the same run: ${one.opsPerSec.toFixed(0)}/s; ` +
      `CPU per change, 8 writers / one: ${cpuPerChange(many, n)} / ${cpuPerChange(one, n)}`,
  );
  ctx.record('concurrent.p50', many.p50, `one writer: p50 ${one.p50.toFixed(2)} ms`);
  ctx.record(
    'concurrent.p99',
    many.p99,
    `one writer: p99 ${one.p99.toFixed(2)} ms, max ${WRITERS} writers ${many.max.toFixed(1)} ms`,
  );
  ctx.record('concurrent.vs_one', many.opsPerSec / one.opsPerSec);
}

interface Run {
  opsPerSec: number;
  p50: number;
  p99: number;
  max: number;
}

/** A run with the CPU it took: this process's, and the database server's backends' (PostgreSQL). */
async function measured(
  ctx: BenchContext,
  run: () => Promise<Run>,
): Promise<Run & { cpu: number; serverCpu: number | undefined }> {
  const server = await serverCpu(ctx.store);
  const cpu = process.cpuUsage();
  const result = await run();
  const used = process.cpuUsage(cpu);
  return {
    ...result,
    cpu: (used.user + used.system) / 1e6,
    serverCpu: serverCpuBetween(server, await serverCpu(ctx.store)),
  };
}

function cpuPerChange(run: { cpu: number; serverCpu: number | undefined }, n: number): string {
  const us = (s: number) => `${((s / n) * 1e6).toFixed(0)} µs`;
  return run.serverCpu === undefined ? us(run.cpu) : `${us(run.cpu)} + server ${us(run.serverCpu)}`;
}

/** Runs ops 0..n-1 from `count` writers, each taking the next op when its last is answered. */
async function writers(count: number, n: number, op: (k: number) => Promise<unknown>): Promise<Run> {
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
