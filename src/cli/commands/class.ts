import type { Command } from 'commander';
import { stringify } from 'yaml';
import { withClient } from '../client-context.js';
import { CliUsageError, print, renderTable } from '../output.js';
import { readYamlFile } from '../read-input.js';
import { isObject } from '../../core/ci/desired-state-input.js';
import { outcomeText } from './write-summary.js';

export function registerClass(program: Command): void {
  const cls = program.command('class').description('the class registry: classes and relationship types');

  cls
    .command('apply')
    .description('define or change classes and relationship types (one revision)')
    .requiredOption('-f, --file <file>', 'classes YAML with `classes:` and/or `relationTypes:`')
    .option('-m, --message <text>', 'why: recorded on the revision')
    .action(async (opts: { file: string; message?: string }, cmd: Command) => {
      const doc = readYamlFile(opts.file);
      checkModelDocument(doc, opts.file);
      await withClient(cmd, async ({ client, format }) => {
        const outcome = await client.model.apply(doc, opts.message ?? `class apply ${opts.file}`);
        print(format, outcome, () => outcomeText(outcome));
      });
    });

  cls
    .command('list')
    .description('every class and relationship type (the registry is small: never cut short)')
    .option('--at <point>', 'revision, ISO time or baseline')
    .action(async (opts: { at?: string }, cmd: Command) =>
      withClient(cmd, async ({ client, format }) => {
        const model = await client.model.classes(opts.at);
        print(format, model, () => classListText(model.classes, model.relationTypes));
      }),
    );

  cls
    .command('show')
    .description('one class: schema, lineage, lifecycle, identification keys')
    .argument('<name>', 'class name')
    .action(async (name: string, _opts: unknown, cmd: Command) =>
      withClient(cmd, async ({ client, format }) => {
        const detail = await client.model.getClass(name);
        print(format, detail, () => stringify(detail));
      }),
    );
}

/** A `class apply` file holds only `classes:` and `relationTypes:` lists. */
export function checkModelDocument(
  doc: unknown,
  file: string,
): asserts doc is { classes?: Record<string, unknown>[]; relationTypes?: Record<string, unknown>[] } {
  if (!isObject(doc) || Object.keys(doc).some((k) => k !== 'classes' && k !== 'relationTypes')) {
    throw new CliUsageError(`${file} must hold only \`classes:\` and \`relationTypes:\` lists`);
  }
  for (const key of ['classes', 'relationTypes'] as const) {
    const list = doc[key];
    if (list !== undefined && (!Array.isArray(list) || !list.every(isObject)))
      throw new CliUsageError(`${file}: \`${key}:\` must be a list of mappings`);
  }
}

type ClassRow = { name: string; parent?: string; controlled?: boolean; description?: string };
type TypeRow = { name: string; inverse?: string; impact?: string };

/** `cairn class list` for people: the classes, then the relationship types. */
export function classListText(classes: readonly ClassRow[], types: readonly TypeRow[]): string {
  return (
    renderTable(
      ['CLASS', 'PARENT', 'CONTROLLED', 'DESCRIPTION'],
      classes.map((c) => [c.name, c.parent, c.controlled ? 'yes' : '', c.description]),
    ) +
    '\n\n' +
    renderTable(
      ['RELATIONSHIP', 'INVERSE', 'IMPACT'],
      types.map((t) => [t.name, t.inverse, t.impact]),
    )
  );
}
