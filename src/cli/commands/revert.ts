import type { Command } from 'commander';
import { stringify } from 'yaml';
import { restorePlan } from '../../core/revision/revert.js';
import { withContext } from '../context.js';
import { CliUsageError, print } from '../output.js';
import { outcomeJson, outcomeLine } from './write-summary.js';

export function registerRevert(program: Command): void {
  program
    .command('revert')
    .description('the plan that restores a past state (--dry-run prints it, --apply writes it as one revision)')
    .requiredOption('--to <point>', 'revision, baseline or ISO time to restore')
    .option('--dry-run', 'print the plan only (the default)')
    .option('--apply', 'apply the plan as one revision')
    .option('-m, --message <text>', 'why: recorded on the revision')
    .action(async (opts: { to: string; dryRun?: boolean; apply?: boolean; message?: string }, cmd: Command) =>
      withContext(cmd, async (ctx) => {
        if (opts.apply && opts.dryRun) throw new CliUsageError('choose one of --dry-run and --apply');
        const target = await ctx.history.resolvePoint(opts.to);
        const head = (await ctx.store.head())?.rev ?? 0;
        const plan = restorePlan(await ctx.history.diff(head, target));
        if (!opts.apply) {
          print(ctx.format, plan, () => `# Plan restoring revision ${target} (now at ${head}); apply it with --apply\n${stringify(plan)}`);
          return;
        }
        const outcome = await ctx.cmdb.apply(plan, ctx.meta(opts.message ?? `revert to ${opts.to} (revision ${target})`, 'revert'));
        print(ctx.format, outcomeJson(outcome), () => outcomeLine(outcome));
      }),
    );
}
