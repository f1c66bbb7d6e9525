import type { BenchContext } from '../context.js';
import { META } from '../context.js';
import { sample, seconds } from '../measure.js';

/** `{ class, name, attributes }`: a partial desired CI that changes one attribute of CI `i`. */
export function change(ctx: BenchContext, i: number, value: number) {
  return { class: ctx.estate.classOf(i), name: ctx.estate.nameOf(i), attributes: { patch_level: value } };
}

/** Single-CI changes between the two baselines the diff compares. */
const DIFF_CHANGES = 1000;

/**
 * Single-CI changes, one revision each (cmdb.apply), `samples.changes` back to back (10 000 on
 * SQLite: the target is sustained, so the p99 sees garbage collection and checkpoints); then
 * 1 000 more between two baselines, their diff, and the cost of creating a baseline at this size.
 */
export async function historyCase(ctx: BenchContext): Promise<void> {
  const { services } = ctx;
  const n = ctx.samples.changes;
  ctx.log(`single-CI changes, ${n} back to back`);
  const apply = (k: number) =>
    services.cmdb.apply(
      { cis: [change(ctx, ctx.estate.sampleIndex(2, k), 10_000 + k)], relations: [] },
      { ...META, message: `change ${k}` },
    );
  const single = await sample(n, apply, 0);
  ctx.record('change.p50', single.p50);
  ctx.record('change.p99', single.p99, `${n} changes, max ${single.max.toFixed(2)} ms`);
  ctx.record('change.ops', single.opsPerSec);
  const a = await services.baselines.create({ name: 'bench-a', author: META.author });
  for (let k = 0; k < DIFF_CHANGES; k++) await apply(n + k);
  const b = await services.baselines.create({ name: 'bench-b', author: META.author });
  // The 11 000 changes' WAL copied back first: within a second of them a diff still reads past
  // the database file into the WAL's newest frames, and the checkpoint thread copies them back
  // meanwhile (KyselyCmdbStore.settle).
  await ctx.store.settle();

  ctx.log('diff and baselines');
  let modified = 0;
  const diff = await sample(
    ctx.samples.diffs,
    async () => {
      modified = (await services.history.diff(a.rev, b.rev)).modified.length;
    },
    2,
  );
  ctx.record(
    'diff.p95',
    diff.p95,
    `${b.rev - a.rev} revisions, ${modified} CIs modified, p50 ${diff.p50.toFixed(2)} ms`,
  );
  const create = await sample(
    ctx.samples.baselines,
    (k) => services.baselines.create({ name: `bench-x-${k}`, author: META.author }),
    0,
  );
  ctx.record('baseline.p99', create.p99, `p50 ${create.p50.toFixed(3)} ms`);
}

/**
 * Cairn's side of the Git comparison: the same 1 000 CI changes Git commits, recorded as one
 * revision (apply), a baseline, and the diff against the baseline before them.
 */
export async function recordThousandCase(
  ctx: BenchContext,
  changed: number[],
): Promise<{ apply: number; baseline: number; diff: number }> {
  const { services } = ctx;
  const before = await services.baselines.create({ name: 'git-a', author: META.author });
  const cis = changed.map((i) => change(ctx, i, 99_999));
  const apply = await seconds(() => services.cmdb.apply({ cis, relations: [] }, { ...META, message: '1 000 changes' }));
  let after = before;
  const baseline = await seconds(async () => {
    after = await services.baselines.create({ name: 'git-b', author: META.author });
  });
  const diff = await seconds(() => services.history.diff(before.rev, after.rev));
  return { apply, baseline, diff };
}
