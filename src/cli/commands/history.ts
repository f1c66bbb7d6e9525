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
            row: (r: RevisionView) => [r.rev, r.at, r.author, r.source, changeCell(r), r.message],
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

/** The change a revision implemented, or the one it backed out. */
function changeCell(r: RevisionView): string | null {
  if (r.backoutOf) return `backout of ${r.backoutOf}`;
  return r.change;
}

/** A CI to follow in the log: class/name with a class name as classes are named (what the API accepts). */
function logRef(text: string): void {
  ciRefArg(text);
  if (!/^[a-z][a-z0-9_]*\//.test(text))
    throw new CliUsageError(
      `"${text}" is not a CI reference: its class is written in lowercase letters, digits and _, e.g. server/web-01`,
    );
}

type DiffLine = [text: string, madeIn: DiffView['added'][number]['madeIn'] | undefined];
type FieldChange = DiffView['modified'][number]['changes'][number];

/**
 * `cairn diff` for people: `+` added, `-` removed, `~` modified with each field's old and new value
 * (a removed field says so rather than showing an empty new value), each line followed by the
 * revision and change that made it.
 */
export function diffText(diff: DiffView): string {
  const lines: DiffLine[] = [];
  const section = (s: DiffSection) => {
    for (const a of s.added) lines.push([`+ ${a.ref}`, a.madeIn]);
    for (const r of s.removed) lines.push([`- ${r.ref}`, r.madeIn]);
    for (const m of s.modified) {
      lines.push([`~ ${m.ref}`, undefined]);
      for (const c of m.changes) lines.push([`    ${c.path}: ${fieldText(c)}`, c.madeIn]);
    }
  };
  section(diff);
  section(diff.relations);
  const head = `Changes from revision ${diff.from} to ${diff.to}:`;
  if (lines.length === 0) return `${head}\n(none)`;
  // The revisions line up in one column, unless one very long line would push them all away.
  const width = Math.min(Math.max(...lines.map(([text]) => text.length)), 72);
  const out = lines.map(([text, made]) => (made ? `${text.padEnd(width)}  ${madeInText(made)}` : text));
  return [head, ...out].join('\n');
}

function fieldText(c: FieldChange): string {
  if (c.change === 'removed') return `${show(c.from)} → (removed)`;
  if (c.change === 'added') return `(not set) → ${show(c.to)}`;
  return `${show(c.from)} → ${show(c.to)}`;
}

/** "rev 7 · CHG-3", "rev 9 · backout of CHG-3", or "rev 4" for a write outside any change. */
function madeInText(m: { rev: number; change: string | null; backoutOf: string | null }): string {
  if (m.change) return `rev ${m.rev} · ${m.change}`;
  if (m.backoutOf) return `rev ${m.rev} · backout of ${m.backoutOf}`;
  return `rev ${m.rev}`;
}
