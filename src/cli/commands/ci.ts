import type { Command } from 'commander';
import type { CiView } from '../../contracts/ci.contracts.js';
import { withClient } from '../client-context.js';
import { CliUsageError, inline, print, printList } from '../output.js';
import { ciRefArg, collect, keyValues, positiveInt } from '../parse-args.js';
import { listRefs, type RefsOptions } from './refs-list.js';
import { outcomeText } from './write-summary.js';

export function registerCiCommands(program: Command): void {
  program
    .command('get')
    .description('show one CI with its relationships')
    .argument('<noun>', 'ci')
    .argument('<ref>', 'CLASS/NAME')
    .option('--at <point>', 'revision number, ISO time, baseline or CHG-n')
    .action(async (noun: string, ref: string, opts: { at?: string }, cmd: Command) => {
      expectNoun(noun);
      ciRefArg(ref);
      await withClient(cmd, async ({ client, format }) => {
        const ci = await client.cmdb.getCi(ref, opts.at);
        const relations = await client.cmdb.relationsOf(ref, opts.at);
        print(format, ci, () => ciText(ci, relations, opts.at));
      });
    });

  program
    .command('list')
    .description('list CIs, filtered; or (`list refs`) the references imports kept waiting for their target')
    .argument('<noun>', 'ci | refs')
    .option('--class <class>', 'only CIs of this class or a subclass')
    .option('--status <status>', 'only CIs with this status (repeatable)', collect)
    .option('--label <k=v|k>', 'only CIs with this label, or with label k set at all (repeatable)', collect)
    .option('--name <text>', 'only CIs whose name contains this text, ignoring case')
    .option('--attr <k=v>', 'only CIs whose attribute has this value (repeatable)', collect)
    .option('--at <point>', 'revision number, ISO time, baseline or CHG-n')
    .option('--limit <n>', 'at most this many (stderr says how many were left out)', '1000')
    .option('--all', 'every CI, streamed page by page')
    .option('--unresolved', 'refs: those still waiting for their target (the default)')
    .option('--resolved', 'refs: those resolved into relationships')
    .option('--ci <class/name>', 'refs: only those from or to this CI')
    .option('--source <name>', 'refs: only those this import source read')
    .action(
      async (
        noun: string,
        opts: {
          class?: string;
          status?: string[];
          label?: string[];
          name?: string;
          attr?: string[];
          at?: string;
          limit: string;
          all?: boolean;
        } & RefsOptions,
        cmd: Command,
      ) => {
        if (noun === 'refs' || noun === 'ref') return listRefs(opts, cmd);
        expectNoun(noun);
        keyValues(
          opts.label?.filter((l) => l.includes('=')),
          '--label',
        );
        keyValues(opts.attr, '--attr');
        const limit = positiveInt(opts.limit, '--limit');
        await withClient(cmd, async ({ client, format }) => {
          const query = {
            class: opts.class,
            status: opts.status,
            label: opts.label,
            attr: opts.attr,
            at: opts.at,
            q: opts.name,
          };
          await printList(
            format,
            (cursor, size) => client.cmdb.listCis({ ...query, limit: size, cursor }),
            { limit, all: opts.all === true },
            {
              head: ['CI', 'STATUS', 'REV', 'LABELS'],
              row: (c: CiView) => [`${c.class}/${c.name}`, c.status, c.revision, inline(c.labels)],
              empty: 'No CIs match.',
            },
          );
        });
      },
    );

  program
    .command('delete')
    .description('delete CIs and their relationships, as one revision')
    .argument('<noun>', 'ci')
    .argument('<refs...>', 'CLASS/NAME …')
    .option('-m, --message <text>', 'why: recorded on the revision')
    .action(async (noun: string, refs: string[], opts: { message?: string }, cmd: Command) => {
      expectNoun(noun);
      refs.forEach(ciRefArg);
      await withClient(cmd, async ({ client, format }) => {
        const outcome = await client.cmdb.deleteCis(refs, opts.message ?? `delete ${refs.join(' ')}`);
        print(format, outcome, () => outcomeText(outcome));
      });
    });
}

function ciText(ci: CiView, relations: { type: string; from: string; to: string }[], at: string | undefined): string {
  const lines = [
    `${ci.class}/${ci.name}  (${ci.id})`,
    `status:     ${ci.status}`,
    `revision:   ${ci.revision}${at === undefined ? '' : `  (as of ${at})`}`,
    `labels:     ${inline(ci.labels)}`,
    'attributes:',
    ...Object.entries(ci.attributes).map(([k, v]) => `  ${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`),
  ];
  if (relations.length > 0) lines.push('relationships:', ...relations.map((r) => `  ${r.from} ${r.type} ${r.to}`));
  return lines.join('\n');
}

function expectNoun(noun: string): void {
  if (noun !== 'ci' && noun !== 'cis')
    throw new CliUsageError(
      `unknown noun "${noun}": write \`ci\` (e.g. \`cairn get ci server/web-01\`), or \`cairn list refs --unresolved\``,
    );
}
