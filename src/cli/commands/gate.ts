import type { Command } from 'commander';
import type { GateAnswerView } from '../../contracts/deployment.contracts.js';
import { withClient } from '../client-context.js';
import { CliUsageError, print } from '../output.js';
import { EXIT } from '../program.js';
import { deploymentText, gateText } from './deployment-format.js';

/** `30m`, `90s`, `2h`, or a number of seconds: how long `--wait` keeps asking. */
export function parseTimeout(text: string): number {
  const m = /^(\d+)\s*(s|m|h)?$/.exec(text.trim());
  const n = m ? Number(m[1]) * { s: 1, m: 60, h: 3600 }[(m[2] ?? 's') as 's' | 'm' | 'h'] * 1000 : NaN;
  if (!m || !(n > 0)) throw new CliUsageError(`--timeout "${text}" must be a duration such as 90s, 30m or 2h`);
  return n;
}

interface CheckOptions {
  service: string;
  env: string;
  release: string;
  wait?: boolean;
  timeout: string;
  interval: string;
  start?: boolean;
  pipeline?: string;
}

/**
 * `cairn gate check | report`: what a pipeline runs before and after it deploys. `check` exits 0 on
 * allow and 4 on deny, printing the reasons; `--wait` asks again until allowed or timed out.
 */
export function registerGate(program: Command): void {
  const gate = program.command('gate').description('the change gate for pipelines: may this release be deployed now?');
  gate
    .command('check')
    .description('allow (exit 0) or deny (exit 4) deploying a release of a service into an environment, with reasons')
    .requiredOption('--service <service>', 'the service’s CI, class/name')
    .requiredOption('--env <environment>', 'the environment deployed into')
    .requiredOption('--release <semver>', 'the release’s version')
    .option('--wait', 'ask again until allowed, or until --timeout')
    .option('--timeout <duration>', 'with --wait: give up after this long (90s, 30m, 2h)', '30m')
    .option('--interval <duration>', 'with --wait: how long between two asks', '30s')
    .option('--start', 'on allow, record the deployment as started (report its end with `cairn gate report`)')
    .option('--pipeline <run>', 'the pipeline run deploying it (a name or URL), recorded with --start')
    .action(async (opts: CheckOptions, cmd: Command) =>
      withClient(cmd, async ({ client, format }) => {
        const deadline = Date.now() + parseTimeout(opts.timeout);
        const interval = parseTimeout(opts.interval);
        const ask = () =>
          client.deployments.check({
            service: opts.service,
            environment: opts.env,
            release: opts.release,
            ...(opts.start ? { start: true } : {}),
            ...(opts.pipeline !== undefined ? { pipeline: opts.pipeline } : {}),
          });
        let answer: GateAnswerView = await ask();
        // The last pause is cut to the time left, so a --timeout shorter than --interval still asks
        // again once, at the deadline, instead of giving up at the first deny.
        while (opts.wait && answer.decision === 'deny' && Date.now() < deadline) {
          if (format === 'table') process.stderr.write(`denied (${answer.reasons.join('; ')}): asking again…\n`);
          await new Promise((resolve) => setTimeout(resolve, Math.min(interval, deadline - Date.now())));
          answer = await ask();
        }
        print(format, answer, () => gateText(answer));
        if (answer.decision === 'deny') process.exitCode = EXIT.gateDenied;
      }),
    );
  gate
    .command('report')
    .description('the result of a deployment a `gate check --start` recorded: success applies the release’s CI updates')
    .requiredOption('--result <result>', 'success or failure')
    .option('--deployment <id>', 'the deployment id the check returned')
    .option('--service <service>', 'without --deployment: the service deployed')
    .option('--env <environment>', 'without --deployment: the environment')
    .option('--release <semver>', 'without --deployment: the release’s version')
    .option('--note <text>', 'what the pipeline has to say (a log URL, why it failed)')
    .action(
      async (
        opts: { result: string; deployment?: string; service?: string; env?: string; release?: string; note?: string },
        cmd: Command,
      ) =>
        withClient(cmd, async ({ client, format }) => {
          if (opts.result !== 'success' && opts.result !== 'failure')
            throw new CliUsageError(`--result "${opts.result}" must be success or failure`);
          const d = await client.deployments.report({
            result: opts.result,
            ...(opts.deployment !== undefined ? { deployment: opts.deployment } : {}),
            ...(opts.service !== undefined ? { service: opts.service } : {}),
            ...(opts.env !== undefined ? { environment: opts.env } : {}),
            ...(opts.release !== undefined ? { release: opts.release } : {}),
            ...(opts.note !== undefined ? { note: opts.note } : {}),
          });
          print(format, d, () => deploymentText(d));
        }),
    );
}
