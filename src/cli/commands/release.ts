import type { Command } from 'commander';
import type { ReleaseView } from '../../contracts/release.contracts.js';
import { RELEASE_STATES, type ReleaseState } from '../../core/release/release.types.js';
import { withClient } from '../client-context.js';
import { CliUsageError, print, renderTable } from '../output.js';
import { oneOf, readFieldsFile } from './change-args.js';
import { registerDeploymentCommands } from './release-deploy.js';

/**
 * `cairn release create | approve | reject | list | show` (and promote, rollback, change, deployments): a service at a semantic version. No
 * option is called `--version` (the root command owns it): the version is an argument.
 */
export function registerRelease(program: Command): void {
  const release = program
    .command('release')
    .description('releases: a service at a semantic version, approved, promoted through environments, rolled back');
  release
    .command('create')
    .description('propose a release of SERVICE (class/name) at VERSION; -f release.yaml gives notes, artifacts, plan')
    .argument('<service>', 'the service’s CI, class/name')
    .argument('<semver>', 'a semantic version, e.g. 1.4.0 or 2.0.0-rc.1')
    .option('-f, --file <file>', 'release.yaml: notes, artifacts, plan (- for standard input)')
    .action(async (service: string, version: string, opts: { file?: string }, cmd: Command) => {
      const document = opts.file ? readFieldsFile(opts.file) : {};
      await withClient(cmd, async ({ client, format }) => {
        const r = await client.releases.create({ ...document, service, version });
        print(
          format,
          r,
          () => `Release ${r.service} ${r.version} proposed by ${r.requestedBy}: a release manager decides it.`,
        );
      });
    });
  for (const step of ['approve', 'reject'] as const) {
    const command = release
      .command(step)
      .description(
        step === 'approve' ? 'approve a proposed release (not your own)' : 'reject a proposed release, with a reason',
      )
      .argument('<service>', 'the service’s CI, class/name')
      .argument('<semver>', 'the release’s version');
    if (step === 'approve')
      command
        .option('-c, --comment <text>', 'comment')
        .option('--env <environment>', 'approve its promotion into this environment (for a group it requires)')
        .option('--group <group>', 'with --env: the required group you approve for (default: your first)');
    else command.requiredOption('-c, --comment <text>', 'why');
    command.action(
      async (
        service: string,
        version: string,
        opts: { comment?: string; env?: string; group?: string },
        cmd: Command,
      ) =>
        withClient(cmd, async ({ client, format }) => {
          if (opts.env !== undefined) {
            const a = await client.deployments.approve(service, version, {
              environment: opts.env,
              ...(opts.group !== undefined ? { group: opts.group } : {}),
              ...(opts.comment !== undefined ? { comment: opts.comment } : {}),
            });
            print(
              format,
              a,
              () => `${a.by} approved promoting ${service} ${version} into ${a.environment} for ${a.group}.`,
            );
            return;
          }
          const r =
            step === 'approve'
              ? await client.releases.approve(service, version, opts.comment)
              : await client.releases.reject(service, version, opts.comment);
          print(format, r, () => `Release ${r.service} ${r.version} ${r.state} by ${r.decidedBy}.`);
        }),
    );
  }
  release
    .command('list')
    .description('releases, newest version first (semantic order)')
    .option('--service <service>', 'only this service (class/name)')
    .option('--state <state>', RELEASE_STATES.join(', '))
    .option('--limit <n>', 'at most N releases (default 100)')
    .action(async (opts: { service?: string; state?: string; limit?: string }, cmd: Command) =>
      withClient(cmd, async ({ client, format }) => {
        const state = oneOf<ReleaseState>(
          opts.state === undefined ? undefined : [opts.state],
          RELEASE_STATES,
          '--state',
        )?.[0];
        const limit = opts.limit === undefined ? undefined : Number(opts.limit);
        if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= 1000))
          throw new CliUsageError(`--limit "${opts.limit}" must be a whole number from 1 to 1000`);
        const page = await client.releases.list({
          ...(opts.service ? { service: opts.service } : {}),
          ...(state ? { state } : {}),
          ...(limit !== undefined ? { limit } : {}),
        });
        if (page.total > page.items.length)
          process.stderr.write(`${page.items.length} of ${page.total} shown — use --limit N\n`);
        print(format, page.items, () => releaseTable(page.items));
      }),
    );
  registerDeploymentCommands(release);
  release
    .command('show')
    .description('one release: notes, artifacts, CI updates, decision')
    .argument('<service>', 'the service’s CI, class/name')
    .argument('<semver>', 'the release’s version')
    .action(async (service: string, version: string, _opts: unknown, cmd: Command) =>
      withClient(cmd, async ({ client, format }) => {
        const r = await client.releases.show(service, version);
        print(format, r, () => releaseText(r));
      }),
    );
}

function releaseTable(list: ReleaseView[]): string {
  if (list.length === 0) return 'No releases.';
  return renderTable(
    ['SERVICE', 'VERSION', 'STATE', 'REQUESTED BY', 'CREATED', 'DECIDED BY'],
    list.map((r) => [r.service, r.version, r.state, r.requestedBy, r.createdAt, r.decidedBy]),
  );
}

function releaseText(r: ReleaseView): string {
  const lines = [`Release ${r.service} ${r.version}: ${r.state}`, `Requested by ${r.requestedBy} at ${r.createdAt}`];
  if (r.decidedBy)
    lines.push(`Decided by ${r.decidedBy} at ${r.decidedAt}${r.decisionComment ? `: ${r.decisionComment}` : ''}`);
  if (r.notes) lines.push('', r.notes.trimEnd());
  if (r.artifacts.length > 0)
    lines.push(
      '',
      renderTable(
        ['ARTIFACT', 'DIGEST', 'LOCATION'],
        r.artifacts.map((a) => [a.name, a.digest, a.location]),
      ),
    );
  lines.push('', 'CI updates in an environment:');
  for (const c of r.updates.cis)
    lines.push(`  ${String(c.class)}/${String(c.name)} ${JSON.stringify(c.attributes ?? {})}`);
  for (const rel of r.updates.relations) lines.push(`  ${String(rel.from)} ${String(rel.type)} ${String(rel.to)}`);
  return lines.join('\n');
}
