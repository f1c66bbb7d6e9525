import type { Command } from 'commander';
import type { Baseline } from '../../contracts/history.contracts.js';
import { withClient } from '../client-context.js';
import { print, renderTable } from '../output.js';

export function registerBaseline(program: Command): void {
  const baseline = program.command('baseline').description('named revisions: create, list, show');

  baseline
    .command('create')
    .description('name a revision (now, or --at a point)')
    .argument('<name>', 'baseline name')
    .option('--at <point>', 'revision, ISO time, CHG-n or baseline (default: now)')
    .option('-d, --description <text>', 'what this baseline is')
    .action(async (name: string, opts: { at?: string; description?: string }, cmd: Command) =>
      withClient(cmd, async ({ client, format }) => {
        const b = await client.history.createBaseline({ name, at: opts.at, description: opts.description });
        print(format, b, () => `Baseline ${b.name} names revision ${b.rev}.`);
      }),
    );

  baseline
    .command('list')
    .description('every baseline, newest revision first')
    .action(async (_opts: unknown, cmd: Command) =>
      withClient(cmd, async ({ client, format }) => {
        const list = await client.history.listBaselines();
        print(format, list, () => baselineTable(list));
      }),
    );

  baseline
    .command('show')
    .description('one baseline and how many CIs it holds')
    .argument('<name>', 'baseline name')
    .action(async (name: string, _opts: unknown, cmd: Command) =>
      withClient(cmd, async ({ client, format }) => {
        const b = await client.history.showBaseline(name);
        print(
          format,
          b,
          () =>
            `Baseline ${b.name}: revision ${b.rev}, ${b.cis} CIs, created ${b.createdAt} by ${b.author}${b.description ? ` — ${b.description}` : ''}`,
        );
      }),
    );
}

function baselineTable(list: Baseline[]): string {
  if (list.length === 0) return 'No baselines.';
  return renderTable(
    ['NAME', 'REV', 'CREATED', 'AUTHOR', 'DESCRIPTION'],
    list.map((b) => [b.name, b.rev, b.createdAt, b.author, b.description]),
  );
}
