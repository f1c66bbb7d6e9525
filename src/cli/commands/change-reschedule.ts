import type { Command } from 'commander';
import type { ReschedulePreviewView } from '../../contracts/reschedule.contracts.js';
import { withClient } from '../client-context.js';
import { CliUsageError, print } from '../output.js';
import { changeRefArg, windowArg } from './change-args.js';
import { describeConflicts, stateLine } from './change-format.js';

interface RescheduleOpts {
  start?: string;
  end?: string;
  overrideReason?: string;
  comment?: string;
  dryRun?: boolean;
}

/**
 * `cairn change reschedule CHG-n --start … --end …`: moves an authorized or scheduled change to a
 * new window (conflicts and risk checked again; back to submitted when its approvals no longer
 * suffice), or with `--dry-run` says what that would do.
 */
export function registerReschedule(change: Command): void {
  change
    .command('reschedule')
    .description(
      'move an authorized or scheduled change to a new window; it goes back for approval when the new risk needs more',
    )
    .argument('<change>', 'CHG-n')
    .requiredOption('--start <time>', 'new window start, ISO-8601 with a zone')
    .requiredOption('--end <time>', 'new window end')
    .option('--override-reason <text>', 'move it despite conflicts (change managers only)')
    .option('-c, --comment <text>', 'why it moves, recorded in the history')
    .option('--dry-run', 'say what it would do (conflicts, risk, approvals) and write nothing')
    .action(async (ref: string, opts: RescheduleOpts, cmd: Command) => {
      const id = changeRefArg(ref);
      const window = windowArg(opts.start, opts.end);
      if (!window) throw new CliUsageError('give --start and --end');
      await withClient(cmd, async ({ client, format }) => {
        if (opts.dryRun === true) {
          const p = await client.changes.previewReschedule(id, window);
          print(format, p, () => previewText(p));
          return;
        }
        const r = await client.changes.reschedule(id, {
          window,
          overrideReason: opts.overrideReason,
          comment: opts.comment,
        });
        const overridden =
          r.conflicts.length > 0
            ? `\nConflicts overridden by ${r.change.conflictOverride?.by ?? '?'}:\n${describeConflicts(r.conflicts)}`
            : '';
        print(format, r.change, () => `${stateLine(r.change)} ${missingText(r)}${overridden}`.trimEnd());
      });
    });
}

/** What a move would do, for people. */
function previewText(p: ReschedulePreviewView): string {
  const lines = [`${p.ref} in ${p.window.start} – ${p.window.end}: risk ${p.risk.level} (${p.risk.score} points).`];
  if (p.conflicts.length > 0)
    lines.push(`Conflicts (a change manager must override them):\n${describeConflicts(p.conflicts)}`);
  lines.push(
    p.nextState === 'scheduled'
      ? 'The approvals given still suffice: it would be scheduled in that window.'
      : `It would go back to submitted: ${missingText(p)}`,
  );
  return lines.join('\n');
}

function missingText(p: Pick<ReschedulePreviewView, 'approvalStatus' | 'risk'>): string {
  const missing = p.approvalStatus.groups.filter((g) => !g.satisfied).map((g) => `${g.group} needs ${g.missing} more`);
  return missing.length === 0 ? '' : `At risk ${p.risk.level} in the new window, ${missing.join('; ')}.`;
}
