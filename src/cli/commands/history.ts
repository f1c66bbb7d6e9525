import type { Command } from 'commander';
import { toRevisionView } from '../../core/revision/revision.types.js';
import type { Diff, DiffSection } from '../../core/revision/diff.js';
import { withContext } from '../context.js';
import { print, renderTable, show } from '../output.js';
import { ciRefArg, positiveInt } from '../parse-args.js';

export function registerHistory(program: Command): void {
  program
    .command('log')
    .description('revisions, newest first, of the whole CMDB or of one CI')
    .argument('[ref]', 'CLASS/NAME')
    .option('-n, --limit <n>', 'at most this many', '20')
    .action(async (refText: string | undefined, opts: { limit: string }, cmd: Command) =>
      withContext(cmd, async (ctx) => {
        const revisions = await ctx.history.log({ ref: refText ? ciRefArg(refText) : undefined, limit: positiveInt(opts.limit, '--limit') });
        print(ctx.format, revisions.map(toRevisionView), () =>
          renderTable(['REV', 'AT', 'AUTHOR', 'SOURCE', 'CHANGE', 'MESSAGE'], revisions.map((r) => [r.rev, r.at, r.author, r.source, r.changeId, r.message])),
        );
      }),
    );

  program
    .command('diff')
    .description('what changed between two points (revision, baseline or ISO time); TO defaults to now')
    .argument('<from>', 'revision, baseline or time')
    .argument('[to]', 'revision, baseline or time (default: now)')
    .action(async (fromText: string, toText: string | undefined, _opts: unknown, cmd: Command) =>
      withContext(cmd, async (ctx) => {
        const from = await ctx.history.resolvePoint(fromText);
        const to = toText === undefined ? ((await ctx.store.head())?.rev ?? 0) : await ctx.history.resolvePoint(toText);
        const diff = await ctx.history.diff(from, to);
        print(ctx.format, diff, () => diffText(diff));
      }),
    );
}

export function diffText(diff: Diff): string {
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
