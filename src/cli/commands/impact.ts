import type { Command } from 'commander';
import { withContext } from '../context.js';
import { print, renderTable } from '../output.js';
import { atArg, ciRefArg, positiveInt } from '../parse-args.js';

export function registerImpact(program: Command): void {
  program
    .command('impact')
    .description('what a change to these CIs affects, with one shortest path each')
    .argument('<refs...>', 'CLASS/NAME …')
    .option('--depth <n>', 'how many relationships deep', '6')
    .option('--at <point>', 'revision number, ISO time or baseline')
    .action(async (refs: string[], opts: { depth: string; at?: string }, cmd: Command) =>
      withContext(cmd, async (ctx) => {
        const at = await atArg(ctx, opts.at);
        const report = await ctx.impact.impactOf(refs.map(ciRefArg), { depth: positiveInt(opts.depth, '--depth'), at });
        const json = { root: report.root, count: report.count, impacted: report.impacted.map((i) => ({ ref: i.ref, depth: i.depth, path: i.path, via: i.via })) };
        print(ctx.format, json, () =>
          report.count === 0
            ? `A change to ${report.root} affects no other CI.`
            : `A change to ${report.root} affects ${report.count} CI${report.count === 1 ? '' : 's'}:\n` +
              renderTable(['CI', 'DEPTH', 'PATH'], report.impacted.map((i) => [i.ref, i.depth, i.path.join(' → ')])),
        );
      }),
    );
}
