import type { Command } from 'commander';
import type { EnvironmentsView, EnvironmentView } from '../../contracts/environment.contracts.js';
import { withClient } from '../client-context.js';
import { print, renderTable } from '../output.js';
import { readFieldsFile } from './change-args.js';

/** `cairn env list | apply | versions`: environments as data, in promotion order, versioned like the policy. */
export function registerEnv(program: Command): void {
  const env = program
    .command('env')
    .description('environments in promotion order: the approvals, change control and freezes of each');
  env
    .command('list')
    .description('the environments in force, in promotion order, with their version')
    .action(async (_opts: unknown, cmd: Command) =>
      withClient(cmd, async ({ client, format }) => {
        const current = await client.environments.list();
        print(format, current, () => environmentsText(current));
      }),
    );
  env
    .command('apply')
    .description('validate and apply environments.yaml as a new version (--dry-run: check it, write nothing)')
    .requiredOption('-f, --file <file>', 'environments.yaml (- for standard input)')
    .option('--dry-run', 'check the document and say what would change, writing nothing')
    .action(async (opts: { file: string; dryRun?: boolean }, cmd: Command) => {
      const document = readFieldsFile(opts.file);
      await withClient(cmd, async ({ client, format }) => {
        if (opts.dryRun) {
          const checked = await client.environments.check(document);
          print(format, checked, () =>
            [
              checked.changed
                ? 'Valid: applying it would make a new environments version.'
                : 'Valid: it equals the environments in force; applying it would write nothing.',
              ...(checked.leavingControl.length > 0
                ? [`It takes ${checked.leavingControl.join(', ')} out of change control: only an admin may apply that.`]
                : []),
            ].join('\n'),
          );
          return;
        }
        const applied = await client.environments.apply(document);
        print(format, applied, () =>
          applied.changed
            ? `Environments version ${applied.version} applied: ${applied.environments.map((e) => e.name).join(' → ')}.`
            : `No changes: environments version ${applied.version} is already in force.`,
        );
      });
    });
  env
    .command('versions')
    .description('every applied environments version, oldest first, with its hash')
    .action(async (_opts: unknown, cmd: Command) =>
      withClient(cmd, async ({ client, format }) => {
        const list = await client.environments.versions();
        print(format, list, () =>
          list.items.length === 0
            ? 'No environments applied yet: the built-in default is in force.'
            : renderTable(
                ['VERSION', 'APPLIED', 'BY', 'HASH'],
                list.items.map((v) => [v.version, v.appliedAt, v.appliedBy, v.hash?.slice(0, 16)]),
              ),
        );
      }),
    );
}

/** `cairn env list` for people: a line naming the version, then one row per environment in order. */
function environmentsText(current: EnvironmentsView): string {
  const head =
    current.version === 0
      ? 'Built-in default environments (none applied yet):'
      : `Environments version ${current.version}, applied by ${current.appliedBy} at ${current.appliedAt}:`;
  const rows = current.environments.map((e, i) => [
    i + 1,
    e.name,
    approvals(e),
    e.controlled ? 'yes' : 'no',
    freezes(e),
  ]);
  return `${head}\n${renderTable(['ORDER', 'NAME', 'APPROVALS', 'CHANGE CONTROL', 'FREEZES'], rows)}`;
}

function approvals(e: EnvironmentView): string {
  return e.require.length === 0 ? '-' : e.require.map((r) => `${r.quorum} of ${r.group}`).join(', ');
}

function freezes(e: EnvironmentView): string {
  const all = [...e.freezes, ...e.windows.map((w) => `${w.name} (own)`)];
  return all.length === 0 ? '-' : all.join(', ');
}
