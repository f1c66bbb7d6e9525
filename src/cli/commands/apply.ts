import type { Command } from 'commander';
import { withContext, type CliContext } from '../context.js';
import { planText, type PlanAction } from '../plan-format.js';
import { print } from '../output.js';
import { readYamlFile } from '../read-input.js';
import type { ApplyOutcome } from '../../core/ci/cmdb.service.js';
import { formatRef } from '../../core/ci/desired-state.js';
import { outcomeJson, outcomeLine } from './write-summary.js';

export function registerApply(program: Command): void {
  program
    .command('apply')
    .description('upsert the CIs and relationships of a desired-state file as one revision')
    .requiredOption('-f, --file <file>', 'desired-state YAML or JSON (- for standard input)')
    .option('-m, --message <text>', 'why: recorded on the revision')
    .action(async (opts: { file: string; message?: string }, cmd: Command) =>
      withContext(cmd, async (ctx) => {
        const doc = readYamlFile(opts.file);
        const outcome = await ctx.cmdb.apply(doc, ctx.meta(opts.message ?? `apply ${opts.file}`));
        print(ctx.format, outcomeJson(outcome), () => outcomeLine(outcome));
      }),
    );

  program
    .command('plan')
    .description('show what apply would change and what it would impact; writes nothing')
    .requiredOption('-f, --file <file>', 'desired-state YAML or JSON (- for standard input)')
    .option('--depth <n>', 'impact depth', '6')
    .action(async (opts: { file: string; depth: string }, cmd: Command) =>
      withContext(cmd, async (ctx) => {
        const outcome = await ctx.cmdb.plan(readYamlFile(opts.file));
        const touched = outcome.writes.cis.flatMap((w) => (w.before ? [w.before.id] : []));
        const relationEnds = outcome.writes.relations.flatMap((w) => [w.before ?? w.after!].flatMap((r) => [r.sourceId, r.targetId]));
        const existing = (await ctx.store.getCisById([...new Set([...touched, ...relationEnds])])).map((v) => v.id);
        const impact = await ctx.impact.impactOfIds(existing, Number(opts.depth));
        const data = { ...planJson(outcome), impact };
        print(ctx.format, data, () => planText(data));
      }),
    );
}

function planJson(o: ApplyOutcome) {
  const ref = (id: string) => o.refs.get(id) ?? id;
  const action = (w: { before?: unknown; after?: unknown }): PlanAction => (w.after && w.before ? 'modify' : w.after ? 'add' : 'remove');
  return {
    ...outcomeJson(o),
    cis: o.writes.cis.map((w) => ({
      ref: formatRef((w.after ?? w.before)!),
      action: action(w),
      before: w.before ? { status: w.before.status, attributes: w.before.attributes, labels: w.before.labels } : null,
      after: w.after ? { status: w.after.status, attributes: w.after.attributes, labels: w.after.labels } : null,
    })),
    relations: o.writes.relations.map((w) => {
      const r = (w.after ?? w.before)!;
      return { ref: `${ref(r.sourceId)} ${r.type} ${ref(r.targetId)}`, action: action(w) };
    }),
  };
}


export type { CliContext };
