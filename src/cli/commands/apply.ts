import type { Command } from 'commander';
import { withContext, type CliContext } from '../context.js';
import { planText } from '../plan-format.js';
import { planReport } from '../../core/ci/write-views.js';
import { print } from '../output.js';
import { readYamlFile } from '../read-input.js';
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
        const data = await planReport(ctx, readYamlFile(opts.file), Number(opts.depth));
        print(ctx.format, data, () => planText(data));
      }),
    );
}


export type { CliContext };
