import type { Command } from 'commander';
import { stringify } from 'yaml';
import type { RevertTarget } from '../../core/change/revert-change.js';
import { withContext } from '../context.js';
import { CliUsageError, print } from '../output.js';
import { outcomeJson, outcomeLine } from './write-summary.js';

/**
 * `cairn revert --to POINT | --change CHG-n`: opens a normal change whose plan restores that state
 * (or undoes that one change). `--dry-run` prints the plan; `--apply` writes it directly, which on
 * controlled CIs goes through change control like any apply (refused unless --emergency --reason).
 */
export function registerRevert(program: Command): void {
  program
    .command('revert')
    .description('open a change whose plan restores a past state (--to) or undoes one change (--change)')
    .option('--to <point>', 'revision, baseline, ISO time or CHG-n to restore')
    .option('--change <change>', 'CHG-n to undo alone')
    .option('--dry-run', 'print the plan only; write nothing')
    .option('--apply', 'write the plan directly as one revision (controlled CIs need --emergency --reason)')
    .option('-m, --message <text>', 'why: the change\'s justification, or the revision message with --apply')
    .action(async (opts: { to?: string; change?: string; dryRun?: boolean; apply?: boolean; message?: string }, cmd: Command) =>
      withContext(cmd, async (ctx) => {
        if ((opts.to === undefined) === (opts.change === undefined)) throw new CliUsageError('give one of --to POINT and --change CHG-n');
        if (opts.apply && opts.dryRun) throw new CliUsageError('choose one of --dry-run and --apply');
        const target: RevertTarget = opts.change !== undefined ? { change: opts.change } : { to: opts.to! };
        if (opts.dryRun) {
          const { plan, title } = await ctx.changes.revertPlan(target);
          print(ctx.format, plan, () => `# ${title}: the plan a revert change would carry\n${stringify(plan)}`);
          return;
        }
        if (opts.apply) {
          const { plan, title } = await ctx.changes.revertPlan(target);
          const outcome = await ctx.cmdb.apply(plan, ctx.meta(opts.message ?? title, 'revert'));
          print(ctx.format, outcomeJson(outcome), () => outcomeLine(outcome));
          return;
        }
        const change = await ctx.changes.revert(target, ctx.actor, opts.message ?? '');
        print(ctx.format, change, () => `Created ${change.ref} (normal, draft): ${change.title}\nReview it with \`cairn change show ${change.ref}\`, then \`cairn change submit ${change.ref}\`.`);
      }),
    );
}
