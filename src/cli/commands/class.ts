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
        if (!isObject(doc) || Object.keys(doc).some((k) => k !== 'classes' && k !== 'relationTypes')) {
          throw new CliUsageError(`${opts.file} must hold only \`classes:\` and \`relationTypes:\` lists`);
        }
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
        print(ctx.format, { classes, relationTypes: types }, () =>
          renderTable(['CLASS', 'PARENT', 'CONTROLLED', 'DESCRIPTION'], classes.map((c) => [c.name, c.parent, c.controlled ? 'yes' : '', c.description])) +
          '\n\n' +
          renderTable(['RELATIONSHIP', 'INVERSE', 'IMPACT'], types.map((t) => [t.name, t.inverse, t.impact])),
        );
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
