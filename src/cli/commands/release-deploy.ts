import type { Command } from 'commander';
import { DEPLOYMENT_STATES, type DeploymentState } from '../../core/release/deployment.types.js';
import { withClient } from '../client-context.js';
import { CliUsageError, print } from '../output.js';
import { oneOf } from './change-args.js';
import { deploymentTable, deploymentText, gateText } from './deployment-format.js';

interface DeployOptions {
  env: string;
  emergency?: boolean;
  reason?: string;
  pipeline?: string;
}

/**
 * `--emergency --reason WHY` as the request's `emergency` field. The root command has options of
 * the same names, and commander gives them to the root wherever they stand on the line: read
 * with the globals, or they were lost and the deployment went through without its reason.
 */
function emergencyOf(command: Command): { emergency?: string } {
  const opts = command.optsWithGlobals<DeployOptions>();
  if (opts.emergency !== true) {
    if (opts.reason !== undefined) throw new CliUsageError('--reason goes with --emergency');
    return {};
  }
  if (!opts.reason?.trim()) throw new CliUsageError('--emergency needs --reason "why"');
  return { emergency: opts.reason };
}

function deployOptions(command: Command): Command {
  return command
    .requiredOption('--env <environment>', 'the environment')
    .option('--emergency', 'the emergency path: override the previous-environment, approvals and freeze gates')
    .option('--reason <text>', 'with --emergency: why (recorded on the deployment and its change)')
    .option('--pipeline <run>', 'the pipeline run deploying it (a name or URL)');
}

/** `cairn release promote | rollback | gates | change | deployments`. */
export function registerDeploymentCommands(release: Command): void {
  deployOptions(
    release
      .command('promote')
      .description('promote a release into an environment past its gates; exits 4 when a gate denies')
      .argument('<service>', 'the service’s CI, class/name')
      .argument('<semver>', 'the release’s version'),
  ).action(async (service: string, version: string, opts: DeployOptions, cmd: Command) =>
    withClient(cmd, async ({ client, format }) => {
      const d = await client.deployments.promote(service, version, {
        environment: opts.env,
        ...emergencyOf(cmd),
        ...(opts.pipeline !== undefined ? { pipeline: opts.pipeline } : {}),
      });
      print(format, d, () => deploymentText(d));
    }),
  );
  deployOptions(
    release
      .command('rollback')
      .description('redeploy the release before the current one in an environment, through the same gates')
      .argument('<service>', 'the service’s CI, class/name'),
  ).action(async (service: string, opts: DeployOptions, cmd: Command) =>
    withClient(cmd, async ({ client, format }) => {
      const d = await client.deployments.rollback({
        service,
        environment: opts.env,
        ...emergencyOf(cmd),
        ...(opts.pipeline !== undefined ? { pipeline: opts.pipeline } : {}),
      });
      print(format, d, () => deploymentText(d));
    }),
  );
  release
    .command('gates')
    .description('what each gate says about promoting a release into an environment; writes nothing')
    .argument('<service>', 'the service’s CI, class/name')
    .argument('<semver>', 'the release’s version')
    .requiredOption('--env <environment>', 'the environment')
    .action(async (service: string, version: string, opts: { env: string }, cmd: Command) =>
      withClient(cmd, async ({ client, format }) => {
        const a = await client.deployments.gates(service, version, opts.env);
        print(format, a, () => gateText(a));
      }),
    );
  release
    .command('change')
    .description('open a normal change whose plan is the release’s CI updates, for a controlled environment')
    .argument('<service>', 'the service’s CI, class/name')
    .argument('<semver>', 'the release’s version')
    .requiredOption('--env <environment>', 'the environment it authorizes')
    .option('--start <time>', 'the planned window’s start (ISO-8601)')
    .option('--end <time>', 'the planned window’s end')
    .option('--assignee <user>', 'who implements it')
    .action(
      async (
        service: string,
        version: string,
        opts: { env: string; start?: string; end?: string; assignee?: string },
        cmd: Command,
      ) =>
        withClient(cmd, async ({ client, format }) => {
          if ((opts.start === undefined) !== (opts.end === undefined))
            throw new CliUsageError('give both --start and --end, or neither');
          const c = await client.deployments.openChange(service, version, {
            environment: opts.env,
            ...(opts.start !== undefined && opts.end !== undefined
              ? { window: { start: opts.start, end: opts.end } }
              : {}),
            ...(opts.assignee !== undefined ? { assignee: opts.assignee } : {}),
          });
          print(format, c, () => `${c.ref} opened: ${c.title}. Submit it with \`cairn change submit ${c.ref}\`.`);
        }),
    );
  release
    .command('deployments')
    .description('deployments, newest first')
    .option('--service <service>', 'only this service (class/name)')
    .option('--env <environment>', 'only this environment')
    .option('--state <state>', DEPLOYMENT_STATES.join(', '))
    .option('--limit <n>', 'at most N (default 100)')
    .action(async (opts: { service?: string; env?: string; state?: string; limit?: string }, cmd: Command) =>
      withClient(cmd, async ({ client, format }) => {
        const state = oneOf<DeploymentState>(
          opts.state === undefined ? undefined : [opts.state],
          DEPLOYMENT_STATES,
          '--state',
        )?.[0];
        const limit = opts.limit === undefined ? undefined : Number(opts.limit);
        if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= 1000))
          throw new CliUsageError(`--limit "${opts.limit}" must be a whole number from 1 to 1000`);
        const page = await client.deployments.list({
          ...(opts.service ? { service: opts.service } : {}),
          ...(opts.env ? { environment: opts.env } : {}),
          ...(state ? { state } : {}),
          ...(limit !== undefined ? { limit } : {}),
        });
        if (page.total > page.items.length)
          process.stderr.write(`${page.items.length} of ${page.total} shown — use --limit N\n`);
        print(format, page.items, () => deploymentTable(page.items));
      }),
    );
}
