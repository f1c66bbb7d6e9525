import type { Command } from 'commander';
import { CHANGE_STATES, CHANGE_TYPES, type ChangeState, type ChangeType } from '../../core/change/change.types.js';
import type { UnauthorizedRecord } from '../../core/ports/change-store.port.js';
import { withContext } from '../context.js';
import { CliUsageError, print, renderTable } from '../output.js';
import { collect } from '../parse-args.js';
import { changeTable, changeText } from './change-format.js';

interface ListOpts {
  state?: string[];
  type?: string[];
  requester?: string;
  ci?: string;
  from?: string;
  to?: string;
}

/** The reading side of `cairn change`: list, show, pending, unauthorized. */
export function registerChangeReads(change: Command): void {
  change
    .command('list')
    .description('changes, filtered by state, type, requester, CI and window')
    .option('--state <state>', `repeatable: ${CHANGE_STATES.join(', ')}`, collect)
    .option('--type <type>', 'repeatable: standard, normal, emergency', collect)
    .option('--requester <user>', 'raised by this user')
    .option('--ci <class/name>', 'whose plan touches this CI')
    .option('--from <time>', 'whose window ends after this time')
    .option('--to <time>', 'whose window starts before this time')
    .action(async (opts: ListOpts, cmd: Command) =>
      withContext(cmd, async (ctx) => {
        const states = oneOf(opts.state, CHANGE_STATES, '--state') as ChangeState[] | undefined;
        const types = oneOf(opts.type, CHANGE_TYPES, '--type') as ChangeType[] | undefined;
        const changes = await ctx.changes.list({ states, types, requester: opts.requester, ci: opts.ci, from: opts.from, to: opts.to });
        print(ctx.format, changes, () => changeTable(changes));
      }),
    );
  change
    .command('show')
    .description('everything about a change: fields, plan, impact, risk, approvals, conflicts, history, review')
    .argument('<change>', 'CHG-n')
    .action(async (ref: string, _opts: unknown, cmd: Command) =>
      withContext(cmd, async (ctx) => {
        const view = await ctx.changes.show(ref);
        print(ctx.format, view, () => changeText(view));
      }),
    );
  change
    .command('pending')
    .description('changes waiting for your approval (--as USER)')
    .action(async (_opts: unknown, cmd: Command) =>
      withContext(cmd, async (ctx) => {
        const pending = await ctx.changes.pending(ctx.actor);
        print(ctx.format, pending.map((p) => ({ ref: p.change.ref, title: p.change.title, risk: p.change.risk?.level ?? null, requester: p.change.requester, groups: p.groups })), () =>
          pending.length === 0
            ? `Nothing waits for ${ctx.actor}'s approval.`
            : renderTable(['CHANGE', 'RISK', 'REQUESTER', 'FOR', 'TITLE'], pending.map((p) => [p.change.ref, p.change.risk?.level, p.change.requester, p.groups.map((g) => `${g.group} (${g.missing} more)`).join(', '), p.change.title])),
        );
      }),
    );
  change
    .command('unauthorized')
    .description('writes made outside change control (--emergency) with no retrospective change yet')
    .option('--all', 'include those already covered by a retrospective change')
    .action(async (opts: { all?: boolean }, cmd: Command) =>
      withContext(cmd, async (ctx) => {
        const records = await ctx.changes.unauthorized({ all: opts.all });
        print(ctx.format, records, () => unauthorizedText(records));
      }),
    );
}

/** `cairn change unauthorized` for people. */
export function unauthorizedText(records: readonly UnauthorizedRecord[]): string {
  return records.length === 0
    ? 'No unauthorized changes are waiting for a retrospective change.'
    : renderTable(['REVISION', 'AT', 'BY', 'CIS', 'REASON', 'COVERED BY'], records.map((r) => [r.revision, r.at, r.author, r.cis.join(', '), r.reason, r.retrospectiveChange ?? '— (attach one with `cairn change attach CHG-n --revision R`)']));
}

function oneOf(values: string[] | undefined, allowed: readonly string[], what: string): string[] | undefined {
  for (const v of values ?? []) if (!allowed.includes(v)) throw new CliUsageError(`${what} "${v}" is not one of ${allowed.join(', ')}`);
  return values;
}
