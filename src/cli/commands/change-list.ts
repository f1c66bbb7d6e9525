import type { Command } from 'commander';
import type { ChangeRecord, PendingApprovals } from '../../contracts/change.contracts.js';
import type { UnauthorizedRecords } from '../../contracts/change-governance.contracts.js';
import { CHANGE_STATES, CHANGE_TYPES } from '../../core/lifecycle/change-lifecycle.js';
import { withClient } from '../client-context.js';
import { print, printList, renderTable } from '../output.js';
import { collect, positiveInt } from '../parse-args.js';
import { changeRefArg, instantArg, oneOf } from './change-args.js';
import { CHANGE_COLUMNS, changeRow, changeText } from './change-format.js';

interface ListOpts {
  state?: string[];
  type?: string[];
  requester?: string;
  ci?: string;
  from?: string;
  to?: string;
  limit: string;
  all?: boolean;
}

/** The reading side of `cairn change`: list, show, pending, unauthorized. */
export function registerChangeReads(change: Command): void {
  change
    .command('list')
    .description('changes by number, filtered by state, type, requester, CI and window')
    .option('--state <state>', `repeatable: ${CHANGE_STATES.join(', ')}`, collect)
    .option('--type <type>', 'repeatable: standard, normal, emergency', collect)
    .option('--requester <user>', 'raised by this user')
    .option('--ci <class/name>', 'whose plan touches this CI')
    .option('--from <time>', 'whose window ends after this time')
    .option('--to <time>', 'whose window starts before this time')
    .option('--limit <n>', 'at most this many (stderr says how many were left out)', '100')
    .option('--all', 'every change, streamed page by page')
    .action(async (opts: ListOpts, cmd: Command) => {
      const query = {
        state: oneOf(opts.state, CHANGE_STATES, '--state'),
        type: oneOf(opts.type, CHANGE_TYPES, '--type'),
        requester: opts.requester,
        ci: opts.ci,
        from: instantArg(opts.from, '--from'),
        to: instantArg(opts.to, '--to'),
      };
      const limit = positiveInt(opts.limit, '--limit');
      await withClient(cmd, async ({ client, format }) => {
        await printList(
          format,
          (cursor, size) => client.changes.list({ ...query, limit: size, cursor }),
          { limit, all: opts.all === true },
          {
            head: CHANGE_COLUMNS,
            row: (c: ChangeRecord) => changeRow(c),
            empty: 'No changes match.',
          },
        );
      });
    });
  change
    .command('show')
    .description('everything about a change: fields, plan, impact, risk, approvals, conflicts, history, review')
    .argument('<change>', 'CHG-n')
    .action(async (ref: string, _opts: unknown, cmd: Command) => {
      const id = changeRefArg(ref);
      await withClient(cmd, async ({ client, format }) => {
        const view = await client.changes.show(id);
        print(format, view, () => changeText(view));
      });
    });
  change
    .command('pending')
    .description('changes waiting for your approval (--as USER; through a server, the token’s)')
    .action(async (_opts: unknown, cmd: Command) =>
      withClient(cmd, async ({ client, format }) => {
        const pending = await client.changes.pending();
        print(format, pending.items, () => pendingText(pending));
      }),
    );
  change
    .command('unauthorized')
    .description('writes made outside change control (--emergency) with no retrospective change yet')
    .option('--all', 'include those already covered by a retrospective change')
    .action(async (opts: { all?: boolean }, cmd: Command) =>
      withClient(cmd, async ({ client, format }) => {
        const records = await client.changes.unauthorized({ all: opts.all === true });
        print(format, records, () => unauthorizedText(records));
      }),
    );
}

/** `cairn change pending` for people. */
export function pendingText(pending: PendingApprovals): string {
  if (pending.items.length === 0) return `Nothing waits for ${pending.user}'s approval.`;
  return renderTable(
    ['CHANGE', 'RISK', 'REQUESTER', 'FOR', 'TITLE'],
    pending.items.map((p) => [
      p.ref,
      p.risk,
      p.requester,
      p.groups.map((g) => `${g.group} (${g.missing} more)`).join(', '),
      p.title,
    ]),
  );
}

/** `cairn change unauthorized` for people. */
export function unauthorizedText(records: UnauthorizedRecords): string {
  return records.length === 0
    ? 'No unauthorized changes are waiting for a retrospective change.'
    : renderTable(
        ['REVISION', 'AT', 'BY', 'CIS', 'REASON', 'COVERED BY'],
        records.map((r) => [
          r.revision,
          r.at,
          r.author,
          r.cis.join(', '),
          r.reason,
          r.retrospectiveChange ?? '— (attach one with `cairn change attach CHG-n --revision R`)',
        ]),
      );
}
