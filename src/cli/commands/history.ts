import type { Command } from 'commander';
import type { DiffView, RevisionView } from '../../contracts/history.contracts.js';
import { withClient } from '../client-context.js';
import { CliUsageError, print, printList, show } from '../output.js';
import { ciRefArg, positiveInt } from '../parse-args.js';

type DiffSection = Pick<DiffView, 'added' | 'removed' | 'modified'>;

export function registerHistory(program: Command): void {
  program
    .command('log')
    .description('revisions, newest first, of the whole CMDB or of one CI')
    .argument('[ref]', 'CLASS/NAME')
    .option('-n, --limit <n>', 'at most this many (stderr says how many were left out)', '20')
    .option('--all', 'every revision, streamed page by page')
    .action(async (ref: string | undefined, opts: { limit: string; all?: boolean }, cmd: Command) => {
      if (ref !== undefined) logRef(ref);
      const limit = positiveInt(opts.limit, '--limit');
      await withClient(cmd, async ({ client, format }) => {
        await printList(
          format,
          (cursor, size) => client.history.log({ ci: ref, limit: size, cursor }),
          { limit, all: opts.all === true },
          {
            head: ['REV', 'AT', 'AUTHOR', 'SOURCE', 'CHANGE', 'MESSAGE'],
            row: (r: RevisionView) => [r.rev, r.at, r.author, r.source, r.change, r.message],
            empty: 'No revisions.',
            limitFlag: '-n',
          },
        );
      });
    });

  program
    .command('diff')
    .description('what changed between two points (revision, baseline, CHG-n or ISO time); TO defaults to now')
    .argument('<from>', 'revision, baseline, CHG-n or time')
    .argument('[to]', 'revision, baseline, CHG-n or time (default: now)')
    .action(async (from: string, to: string | undefined, _opts: unknown, cmd: Command) =>
      withClient(cmd, async ({ client, format }) => {
        const diff = await client.history.diff(from, to);
        print(format, diff, () => diffText(diff));
      }),
    );
}

/** A CI to follow in the log: class/name with a class name as classes are named (what the API accepts). */
function logRef(text: string): void {
  ciRefArg(text);
  if (!/^[a-z][a-z0-9_]*\//.test(text))
    throw new CliUsageError(
      `"${text}" is not a CI reference: its class is written in lowercase letters, digits and _, e.g. server/web-01`,
    );
}

/** `cairn diff` for people: `+` added, `-` removed, `~` modified with each field's old and new value. */
export function diffText(diff: DiffView): string {
  const lines = [`Changes from revision ${diff.from} to ${diff.to}:`];
  const section = (s: DiffSection) => {
    for (const a of s.added) lines.push(`+ ${a.ref}`);
    for (const r of s.removed) lines.push(`- ${r.ref}`);
    for (const m of s.modified) {
      lines.push(`~ ${m.ref}`);
      for (const c of m.changes) lines.push(`    ${c.path}: ${show(c.from)} → ${show(c.to)}`);
    }
  };
  section(diff);
  section(diff.relations);
  if (lines.length === 1) lines.push('(none)');
  return lines.join('\n');
}
