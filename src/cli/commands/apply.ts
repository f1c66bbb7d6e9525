import type { Command } from 'commander';
import { withContext, type CliContext } from '../context.js';
import { print, renderTable, show } from '../output.js';
import { readYamlFile } from '../read-input.js';
import type { ApplyOutcome } from '../../core/ci/cmdb.service.js';
import type { ImpactReport } from '../../core/graph/impact.service.js';
import { formatRef } from '../../core/ci/desired-state.js';
import { outcomeJson, outcomeLine, countWrites } from './write-summary.js';

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
        print(ctx.format, data, () => planText(outcome, impact));
      }),
    );
}

function planJson(o: ApplyOutcome) {
  const ref = (id: string) => o.refs.get(id) ?? id;
  return {
    ...outcomeJson(o),
    cis: o.writes.cis.map((w) => ({
      ref: formatRef((w.after ?? w.before)!),
      action: w.after && w.before ? 'modify' : w.after ? 'add' : 'remove',
      before: w.before ? { status: w.before.status, attributes: w.before.attributes, labels: w.before.labels } : null,
      after: w.after ? { status: w.after.status, attributes: w.after.attributes, labels: w.after.labels } : null,
    })),
    relations: o.writes.relations.map((w) => {
      const r = (w.after ?? w.before)!;
      return { ref: `${ref(r.sourceId)} ${r.type} ${ref(r.targetId)}`, action: w.after && w.before ? 'modify' : w.after ? 'add' : 'remove' };
    }),
  };
}

function planText(o: ApplyOutcome, impact: ImpactReport): string {
  const plan = planJson(o);
  if (plan.cis.length === 0 && plan.relations.length === 0 && countWrites(o.writes).classes === 0) return 'No changes: apply would write nothing.';
  const lines: string[] = [];
  const sign = { add: '+', modify: '~', remove: '-' } as const;
  for (const c of plan.cis) {
    lines.push(`${sign[c.action as keyof typeof sign]} ${c.ref}`);
    if (c.action === 'modify' && c.before && c.after) {
      for (const [k, v] of Object.entries({ ...c.before.attributes, ...c.after.attributes })) {
        const was = c.before.attributes[k];
        const now = c.after.attributes[k];
        if (JSON.stringify(was) !== JSON.stringify(now)) lines.push(`    attributes.${k}: ${show(was)} → ${show(v === undefined ? null : now)}`);
      }
      if (c.before.status !== c.after.status) lines.push(`    status: ${c.before.status} → ${c.after.status}`);
    }
  }
  for (const r of plan.relations) lines.push(`${sign[r.action as keyof typeof sign]} ${r.ref}`);
  lines.push('', `Would write: ${outcomeLine({ ...o, revision: { rev: 0 } as never }).replace(/^Revision 0: /, '')}`);
  lines.push(`Impact: ${impact.count} CI${impact.count === 1 ? '' : 's'} affected`);
  if (impact.count > 0) lines.push(renderTable(['CI', 'DEPTH', 'PATH'], impact.impacted.slice(0, 50).map((i) => [i.ref, i.depth, i.path.join(' → ')])));
  return lines.join('\n');
}

export type { CliContext };
