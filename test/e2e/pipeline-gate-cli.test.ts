import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cairn, cairnBin, type CliResult } from '../helpers/cli.js';
import { startServeProcess, type ServeProcess } from '../helpers/serve-process.js';

const SERVICE = 'application/shop-frontend';
const ESTATE = `cis:
  - { class: application, name: shop-frontend, attributes: { version: "1.9.3", environment: production } }
`;
// Release managers are named as the server names their tokens' callers: token:<name>.
const POLICY = `groups:
  - { name: release-managers, members: ["token:rita"] }
rules: []
`;
const ENVIRONMENTS = `environments:
  - name: development
  - name: test
  - name: staging
    require: [{ group: release-managers, quorum: 1 }]
  - name: production
    controlled: true
`;

interface GateAnswer {
  decision: 'allow' | 'deny';
  reasons: string[];
  gates: { gate: string; passed: boolean; reason: string }[];
  deployment?: { id: string; state: string; by: string; pipeline: string | null };
}

/**
 * A CI pipeline as it runs in GitHub Actions, GitLab CI or Jenkins (docs/pipelines.md): the built
 * CLI against `cairn serve` running as its own process, with nothing but CAIRN_SERVER and a
 * token of role `pipeline`. A release manager acts beside it with a token of their own.
 */
// Each step starts CLI processes on a shared 2-core machine: generous time, never a timed assertion.
describe(
  'a pipeline deploys through the change gate with only the CLI and a pipeline token',
  { timeout: 180_000 },
  () => {
    let dir: string;
    let server: ServeProcess;
    let pipelineToken: string;
    let ritaToken: string;

    const file = (name: string, text: string) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    };
    const local = async (...args: string[]) => {
      const out = await cairn(['--db', join(dir, 'cairn.db'), ...args]);
      expect(out.code, `${args.join(' ')}: ${out.stderr}`).toBe(0);
      return out.stdout;
    };
    const remote = (token: string, args: string[]): Promise<CliResult> =>
      cairn(args, { env: { CAIRN_SERVER: server.url, CAIRN_TOKEN: token } });
    const pipeline = (...args: string[]) => remote(pipelineToken, args);
    const rita = async (...args: string[]) => {
      const out = await remote(ritaToken, args);
      expect(out.code, `rita: ${args.join(' ')}: ${out.stderr}`).toBe(0);
      return out.stdout;
    };
    const check = (env: string, ...more: string[]) =>
      pipeline('gate', 'check', '--service', SERVICE, '--env', env, '--release', '1.10.0', ...more);

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'cairn-pipeline-'));
      // The operator prepares the database, then starts the server; everything after goes over HTTP.
      expect((await cairn(['--db', join(dir, 'cairn.db'), 'init'])).code).toBe(0);
      await local('apply', '-f', file('estate.yaml', ESTATE));
      await local('--as', 'admin', 'policy', 'apply', '-f', file('policy.yaml', POLICY));
      await local('--as', 'admin', 'env', 'apply', '-f', file('environments.yaml', ENVIRONMENTS));
      await local('--as', 'alice', 'release', 'create', SERVICE, '1.10.0');
      const token = async (name: string, role: string) =>
        (JSON.parse(await local('-o', 'json', 'token', 'create', '--name', name, '--role', role)) as { token: string })
          .token;
      pipelineToken = await token('ci', 'pipeline');
      ritaToken = await token('rita', 'release_manager');
      server = await startServeProcess(join(dir, 'cairn.db'));
    }, 120_000);
    afterAll(async () => {
      await server?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('is denied (exit 4, with the reasons) until the release is approved, then allowed and its start recorded', async () => {
      const denied = await check('development');
      expect(denied.stderr).toBe('');
      expect(denied.code).toBe(4);
      expect(denied.stdout).toMatch(/^DENY: application\/shop-frontend 1\.10\.0 into development\n/);
      expect(denied.stdout).toMatch(/\n {2}✗ release: .*proposed/);

      await rita('release', 'approve', SERVICE, '1.10.0', '-c', 'ship it');

      const allowed = await check('development', '--start', '--pipeline', 'ci#1', '-o', 'json');
      expect(allowed.stderr).toBe('');
      expect(allowed.code).toBe(0);
      const answer = JSON.parse(allowed.stdout) as GateAnswer;
      expect(answer).toMatchObject({
        decision: 'allow',
        reasons: [],
        deployment: { state: 'running', by: 'token:ci', pipeline: 'ci#1' },
      });
      const running = JSON.parse(
        await rita('-o', 'json', 'release', 'deployments', '--service', SERVICE, '--state', 'running'),
      ) as { id: string }[];
      expect(running.map((d) => d.id)).toEqual([answer.deployment!.id]);

      const reported = await pipeline('gate', 'report', '--result', 'success', '--deployment', answer.deployment!.id);
      expect(reported).toEqual({
        code: 0,
        stdout:
          'application/shop-frontend 1.10.0 deployed into development (succeeded, by token:ci, no CI updates applied here).\n',
        stderr: '',
      });
    });

    it('reports a failure by service, environment and release, and may deploy again after it', async () => {
      expect((await check('test', '--start')).code).toBe(0);
      const failed = await pipeline(
        'gate',
        'report',
        '--result',
        'failure',
        '--service',
        SERVICE,
        '--env',
        'test',
        '--release',
        '1.10.0',
        '--note',
        'smoke test failed',
      );
      expect(failed.code, failed.stderr).toBe(0);
      expect(failed.stdout).toContain('deployed into test (FAILED, by token:ci');
      // A failed deployment did not verify the release in test: staging's previous gate says so.
      const staging = JSON.parse((await check('staging', '-o', 'json')).stdout) as GateAnswer;
      expect(staging.gates.find((g) => g.gate === 'previous')).toMatchObject({ passed: false });

      expect((await check('test', '--start')).code).toBe(0);
      const ok = await pipeline(
        'gate',
        'report',
        '--result',
        'success',
        '--service',
        SERVICE,
        '--env',
        'test',
        '--release',
        '1.10.0',
      );
      expect(ok.code, ok.stderr).toBe(0);
      // Nothing runs any more: a second report has no deployment to finish and says so (exit 1).
      const again = await pipeline(
        'gate',
        'report',
        '--result',
        'success',
        '--service',
        SERVICE,
        '--env',
        'test',
        '--release',
        '1.10.0',
      );
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/^cairn: .+\n$/);
    });

    it('--wait is allowed while it waits, once a release manager approves the promotion', async () => {
      const child = spawn(
        cairnBin,
        ['gate', 'check', '--service', SERVICE, '--env', 'staging', '--release', '1.10.0'].concat([
          '--wait',
          '--timeout',
          '5m',
          '--interval',
          '1s',
          '--start',
          '--pipeline',
          'ci#2',
        ]),
        { env: { ...process.env, CAIRN_SERVER: server.url, CAIRN_TOKEN: pipelineToken } },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      // The approval comes only once the pipeline has been denied and is waiting.
      await new Promise<void>((resolve) => {
        const poll = setInterval(() => {
          if (!stderr.includes('asking again') && child.exitCode === null) return;
          clearInterval(poll);
          resolve();
        }, 50);
      });
      expect(stderr).toMatch(
        /^denied \(approvals: promotion into staging needs 1 more of release-managers.*\): asking again…\n/,
      );
      await rita('release', 'approve', SERVICE, '1.10.0', '--env', 'staging', '-c', 'QA signed off');

      expect(await exited).toBe(0);
      expect(stdout).toMatch(/^ALLOW: application\/shop-frontend 1\.10\.0 into staging\n/);
      expect(stdout).toMatch(/\nDeployment dep_\w+ started: report its result with `cairn gate report`\.\n$/);
      expect(
        (
          await pipeline(
            'gate',
            'report',
            '--result',
            'success',
            '--service',
            SERVICE,
            '--env',
            'staging',
            '--release',
            '1.10.0',
          )
        ).code,
      ).toBe(0);
    });

    it('--wait gives up at --timeout with the last deny (exit 4), asking again even when the timeout is shorter than the interval', async () => {
      // Production is under change control and no change covers the release: it stays denied.
      const timedOut = await check('production', '--wait', '--timeout', '2s');
      expect(timedOut.code).toBe(4);
      expect(timedOut.stderr).toMatch(/^denied \(change: production is under change control.*\): asking again…\n$/);
      expect(timedOut.stdout).toMatch(/^DENY: application\/shop-frontend 1\.10\.0 into production\n/);
      expect(timedOut.stdout).toContain('✗ change: production is under change control');
    });

    it('the pipeline token may do nothing else: every other command is refused (403)', async () => {
      const refused: string[][] = [
        ['release', 'list'],
        ['release', 'show', SERVICE, '1.10.0'],
        ['release', 'approve', SERVICE, '1.10.0', '--env', 'production'],
        ['release', 'promote', SERVICE, '1.10.0', '--env', 'production'],
        ['release', 'gates', SERVICE, '1.10.0', '--env', 'production'],
        ['release', 'deployments'],
        ['release', 'create', SERVICE, '1.11.0'],
        ['release', 'rollback', SERVICE, '--env', 'test'],
        ['env', 'list'],
        ['list', 'ci'],
        ['get', 'ci', SERVICE],
        ['report', 'changes'],
        ['token', 'list'],
        ['token', 'create', '--name', 'more', '--role', 'admin'],
      ];
      for (const args of refused) {
        const out = await pipeline(...args);
        expect({ code: out.code, stdout: out.stdout }, args.join(' ')).toEqual({ code: 1, stdout: '' });
        expect(out.stderr, args.join(' ')).toMatch(
          /^cairn: token:ci \(pipeline\) may not [a-z: ]+: ask an admin for a role that may\n$/,
        );
      }
      // Nothing was written by those attempts: the release is still the only one, and only approved.
      const releases = JSON.parse(await rita('-o', 'json', 'release', 'list')) as { version: string; state: string }[];
      expect(releases.map((r) => [r.version, r.state])).toEqual([['1.10.0', 'approved']]);
    });
  },
);
