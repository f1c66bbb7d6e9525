import type { Command } from 'commander';
import { stringify } from 'yaml';
import type { RevertTarget } from '../../client/history.client.js';
import { withClient } from '../client-context.js';
import { CliUsageError, print } from '../output.js';
import { outcomeText } from './write-summary.js';

interface RevertOptions {
  to?: string;
  change?: string;
  dryRun?: boolean;
  apply?: boolean;
  message?: string;
}

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
    .option('-m, --message <text>', "why: the change's justification, or the revision message with --apply")
    .action(async (opts: RevertOptions, cmd: Command) => {
      const target = revertTarget(opts);
      await withClient(cmd, async ({ client, format }) => {
        if (opts.dryRun || opts.apply) {
          const { plan, title } = await client.history.revertPlan(target);
          if (opts.dryRun)
            return print(
              format,
              plan,
              () => `# ${title ?? 'Revert'}: the plan a revert change would carry\n${stringify(plan)}`,
            );
          const outcome = await client.cmdb.apply(plan, opts.message ?? title);
          return print(format, outcome, () => outcomeText(outcome));
        }
        const change = await client.history.revert({ ...target, justification: opts.message });
        print(
          format,
          change,
          () =>
            `Created ${change.ref} (normal, draft): ${change.title}\nReview it with \`cairn change show ${change.ref}\`, then \`cairn change submit ${change.ref}\`.`,
        );
      });
    });
}

function revertTarget(opts: RevertOptions): RevertTarget {
  if ((opts.to === undefined) === (opts.change === undefined))
    throw new CliUsageError('give one of --to POINT and --change CHG-n');
  if (opts.apply && opts.dryRun) throw new CliUsageError('choose one of --dry-run and --apply');
  if (opts.change !== undefined) {
    if (!/^(CHG-)?[0-9]+$/i.test(opts.change))
      throw new CliUsageError(`--change "${opts.change}" is not a change: write CHG-n, e.g. CHG-12`);
    return { change: opts.change.toUpperCase() };
  }
  if (opts.to!.trim() === '') throw new CliUsageError('--to needs a point: a revision, baseline, ISO time or CHG-n');
  return { to: opts.to! };
}
