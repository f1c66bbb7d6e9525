import type { Command } from 'commander';
import { toCiView } from '../../core/ci/ci.types.js';
import { formatRef } from '../../core/ci/desired-state.js';
import { withContext } from '../context.js';
import { CliUsageError, inline, print, renderTable } from '../output.js';
import { atArg, ciRefArg, collect, keyValues, positiveInt } from '../parse-args.js';
import { outcomeJson, outcomeLine } from './write-summary.js';

export function registerCiCommands(program: Command): void {
  program
    .command('get')
    .description('show one CI with its relationships')
    .argument('<noun>', 'ci')
    .argument('<ref>', 'CLASS/NAME')
    .option('--at <point>', 'revision number, ISO time or baseline')
    .action(async (noun: string, refText: string, opts: { at?: string }, cmd: Command) =>
      withContext(cmd, async (ctx) => {
        expectNoun(noun);
        const at = await atArg(ctx, opts.at);
        const ci = await ctx.cmdb.getCi(ciRefArg(refText), at);
        const relations = await ctx.cmdb.relationsOf(ci.id, at);
        const view = toCiView(ci);
        print(ctx.format, view, () => {
          const lines = [
            `${formatRef(ci)}  (${ci.id})`,
            `status:     ${ci.status}`,
            `revision:   ${ci.revFrom}${at === undefined ? '' : `  (as of revision ${at})`}`,
            `labels:     ${inline(ci.labels)}`,
            'attributes:',
            ...Object.entries(ci.attributes).map(([k, v]) => `  ${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`),
          ];
          if (relations.length > 0) {
            lines.push('relationships:');
            for (const r of relations) lines.push(`  ${r.from} ${r.relation.type} ${r.to}`);
          }
          return lines.join('\n');
        });
      }),
    );

  program
    .command('list')
    .description('list CIs, filtered')
    .argument('<noun>', 'ci')
    .option('--class <class>', 'only CIs of this class or a subclass')
    .option('--status <status>', 'only CIs with this status', collect)
    .option('--label <k=v>', 'only CIs with this label (repeatable)', collect)
    .option('--attr <k=v>', 'only CIs whose attribute has this value (repeatable)', collect)
    .option('--at <point>', 'revision number, ISO time or baseline')
    .option('--limit <n>', 'at most this many', '1000')
    .action(async (noun: string, opts: { class?: string; status?: string[]; label?: string[]; attr?: string[]; at?: string; limit: string }, cmd: Command) =>
      withContext(cmd, async (ctx) => {
        expectNoun(noun);
        const at = await atArg(ctx, opts.at);
        const registry = await ctx.cmdb.registry(at);
        if (opts.class && !registry.getClass(opts.class)) throw new CliUsageError(`"${opts.class}" is not a known class (see \`cairn class list\`)`);
        const cis = await ctx.store.listCis({
          at,
          classes: opts.class ? registry.withDescendants(opts.class) : undefined,
          statuses: opts.status,
          labels: keyValues(opts.label, '--label'),
          attributes: keyValues(opts.attr, '--attr'),
          limit: positiveInt(opts.limit, '--limit'),
        });
        print(ctx.format, cis.map(toCiView), () =>
          cis.length === 0 ? 'No CIs match.' : renderTable(['CI', 'STATUS', 'REV', 'LABELS'], cis.map((c) => [formatRef(c), c.status, c.revFrom, inline(c.labels)])),
        );
      }),
    );

  program
    .command('delete')
    .description('delete CIs and their relationships, as one revision')
    .argument('<noun>', 'ci')
    .argument('<refs...>', 'CLASS/NAME …')
    .option('-m, --message <text>', 'why: recorded on the revision')
    .action(async (noun: string, refs: string[], opts: { message?: string }, cmd: Command) =>
      withContext(cmd, async (ctx) => {
        expectNoun(noun);
        const outcome = await ctx.cmdb.deleteCis(refs.map(ciRefArg), ctx.meta(opts.message ?? `delete ${refs.join(' ')}`));
        print(ctx.format, outcomeJson(outcome), () => outcomeLine(outcome));
      }),
    );
}

function expectNoun(noun: string): void {
  if (noun !== 'ci' && noun !== 'cis') throw new CliUsageError(`unknown noun "${noun}": write \`ci\`, e.g. \`cairn get ci server/web-01\``);
}
