import type { Command } from 'commander';
import type { DesiredStateDocument } from '../../client/cmdb.client.js';
import { withClient } from '../client-context.js';
import { planText } from '../plan-format.js';
import { CliUsageError, print } from '../output.js';
import { positiveInt } from '../parse-args.js';
import { readYamlFile } from '../read-input.js';
import { outcomeText } from './write-summary.js';

export function registerApply(program: Command): void {
  program
    .command('apply')
    .description('upsert the CIs and relationships of a desired-state file as one revision')
    .requiredOption('-f, --file <file>', 'desired-state YAML or JSON (- for standard input)')
    .option('-m, --message <text>', 'why: recorded on the revision')
    .action(async (opts: { file: string; message?: string }, cmd: Command) => {
      const doc = readDocument(opts.file);
      await withClient(cmd, async ({ client, format }) => {
        const outcome = await client.cmdb.apply(doc, opts.message ?? `apply ${opts.file}`);
        print(format, outcome, () => outcomeText(outcome));
      });
    });

  program
    .command('plan')
    .description('show what apply would change and what it would impact; writes nothing')
    .requiredOption('-f, --file <file>', 'desired-state YAML or JSON (- for standard input)')
    .option('--depth <n>', 'impact depth', '6')
    .action(async (opts: { file: string; depth: string }, cmd: Command) => {
      const doc = readDocument(opts.file);
      const depth = positiveInt(opts.depth, '--depth');
      await withClient(cmd, async ({ client, format }) => {
        const plan = await client.cmdb.plan(doc, depth);
        print(format, plan, () => planText(plan));
      });
    });
}

/** A desired-state file: a mapping at the top (its fields are checked in depth where it is applied). */
export function readDocument(file: string): DesiredStateDocument {
  const doc = readYamlFile(file);
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    throw new CliUsageError(`${file} must hold a mapping with cis, relations, classes, relationTypes or delete`);
  return doc;
}
