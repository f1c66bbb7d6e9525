import type { Command } from 'commander';
import { stringify } from 'yaml';
import { withContext } from '../context.js';
import { CliUsageError, print, renderTable } from '../output.js';
import { readYamlFile } from '../read-input.js';
import { atArg } from '../parse-args.js';
import { isObject } from '../../core/ci/document-shape.js';
import { outcomeJson, outcomeLine } from './write-summary.js';

export function registerClass(program: Command): void {
  const cls = program.command('class').description('the class registry: classes and relationship types');

  cls
    .command('apply')
    .description('define or change classes and relationship types (one revision)')
    .requiredOption('-f, --file <file>', 'classes YAML with `classes:` and/or `relationTypes:`')
    .option('-m, --message <text>', 'why: recorded on the revision')
    .action(async (opts: { file: string; message?: string }, cmd: Command) =>
      withContext(cmd, async (ctx) => {
        const doc = readYamlFile(opts.file);
        checkModelDocument(doc, opts.file);
        const outcome = await ctx.cmdb.apply({ ...doc, cis: [], relations: [] }, ctx.meta(opts.message ?? `class apply ${opts.file}`));
        print(ctx.format, outcomeJson(outcome), () => outcomeLine(outcome));
      }),
    );

  cls
    .command('list')
    .option('--at <point>', 'revision, ISO time or baseline')
    .action(async (opts: { at?: string }, cmd: Command) =>
      withContext(cmd, async (ctx) => {
        const registry = await ctx.cmdb.registry(await atArg(ctx, opts.at));
        const classes = registry.allClasses();
        const types = registry.allRelationTypes();
        print(ctx.format, { classes, relationTypes: types }, () => classListText(classes, types));
      }),
    );

  cls
    .command('show')
    .argument('<name>', 'class name')
    .action(async (name: string, _opts: unknown, cmd: Command) =>
      withContext(cmd, async (ctx) => {
        const registry = await ctx.cmdb.registry();
        const c = registry.getClass(name);
        if (!c) throw new CliUsageError(`"${name}" is not a known class (see \`cairn class list\`)`);
        const data = { ...c, lineage: registry.lineage(name).map((x) => x.name), statuses: registry.statuses(name), identify: registry.identifyKeys(name) };
        print(ctx.format, data, () => stringify(data));
      }),
    );
}

/** A `class apply` file holds only `classes:` and `relationTypes:` lists. */
export function checkModelDocument(doc: unknown, file: string): asserts doc is Record<string, unknown> {
  if (!isObject(doc) || Object.keys(doc).some((k) => k !== 'classes' && k !== 'relationTypes')) {
    throw new CliUsageError(`${file} must hold only \`classes:\` and \`relationTypes:\` lists`);
  }
}

type ClassRow = { name: string; parent?: string; controlled?: boolean; description?: string };
type TypeRow = { name: string; inverse?: string; impact?: string };

/** `cairn class list` for people: the classes, then the relationship types. */
export function classListText(classes: readonly ClassRow[], types: readonly TypeRow[]): string {
  return (
    renderTable(['CLASS', 'PARENT', 'CONTROLLED', 'DESCRIPTION'], classes.map((c) => [c.name, c.parent, c.controlled ? 'yes' : '', c.description])) +
    '\n\n' +
    renderTable(['RELATIONSHIP', 'INVERSE', 'IMPACT'], types.map((t) => [t.name, t.inverse, t.impact]))
  );
}
