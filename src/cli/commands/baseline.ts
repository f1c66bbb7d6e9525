import type { Command } from 'commander';
import { withContext } from '../context.js';
import { print, renderTable } from '../output.js';
import { atArg } from '../parse-args.js';

export function registerBaseline(program: Command): void {
  const baseline = program.command('baseline').description('named revisions: create, list, show');

  baseline
    .command('create')
    .argument('<name>', 'baseline name')
    .option('--at <point>', 'revision, ISO time or baseline (default: now)')
    .option('-d, --description <text>', 'what this baseline is')
    .action(async (name: string, opts: { at?: string; description?: string }, cmd: Command) =>
      withContext(cmd, async (ctx) => {
        const rev = await atArg(ctx, opts.at);
        const b = await ctx.baselines.create({ name, rev, author: ctx.author, description: opts.description });
        print(ctx.format, b, () => `Baseline ${b.name} names revision ${b.rev}.`);
      }),
    );

  baseline.command('list').action(async (_opts: unknown, cmd: Command) =>
    withContext(cmd, async (ctx) => {
      const list = await ctx.baselines.list();
      print(ctx.format, list, () =>
        list.length === 0 ? 'No baselines.' : renderTable(['NAME', 'REV', 'CREATED', 'AUTHOR', 'DESCRIPTION'], list.map((b) => [b.name, b.rev, b.createdAt, b.author, b.description])),
      );
    }),
  );

  baseline
    .command('show')
    .argument('<name>', 'baseline name')
    .action(async (name: string, _opts: unknown, cmd: Command) =>
      withContext(cmd, async (ctx) => {
        const b = await ctx.baselines.get(name);
        const count = await ctx.store.countCis({ at: b.rev });
        const data = { ...b, cis: count };
        print(ctx.format, data, () => `Baseline ${b.name}: revision ${b.rev}, ${count} CIs, created ${b.createdAt} by ${b.author}${b.description ? ` — ${b.description}` : ''}`);
      }),
    );
}
