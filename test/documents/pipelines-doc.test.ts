import { readFileSync } from 'node:fs';
import { Value } from '@sinclair/typebox/value';
import { CommanderError, type Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseTimeout } from '../../src/cli/commands/gate.js';
import { buildProgram } from '../../src/cli/program.js';
import { GateCheckBody, GateReportBody } from '../../src/contracts/deployment.contracts.js';

const page = readFileSync(new URL('../../docs/pipelines.md', import.meta.url), 'utf8');

function blocks(lang: string): string[] {
  return [...page.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);
}

/** The part of a shell line from `cairn` on, without a trailing `|| true`. */
function cairnPart(line: string): string[] {
  // Jenkins runs the copy installed into the workspace.
  const m = /(?:^|\s)(?:\.\/node_modules\/\.bin\/)?(cairn\s.*)$/.exec(line);
  return m ? [m[1]!.trim().replace(/\s*\|\|\s*true$/, '')] : [];
}

/** Every `cairn …` a pipeline of the page runs: GitHub Actions, GitLab CI, Jenkins and the shell blocks. */
function pipelineCommands(): Record<string, string[]> {
  const [github, gitlab] = blocks('yaml').map((y) => parse(y) as Record<string, unknown>);
  const steps = (github as { jobs: { deploy: { steps: { run?: string }[] } } }).jobs.deploy.steps;
  const job = (gitlab as { deploy: Record<string, string[]> }).deploy;
  const lines = (texts: string[]) => texts.flatMap((t) => t.split('\n')).flatMap(cairnPart);
  return {
    'GitHub Actions': lines(steps.map((s) => s.run ?? '')),
    'GitLab CI': lines([...job.before_script!, ...job.script!, ...job.after_script!]),
    Jenkins: lines(blocks('groovy').flatMap((g) => [...g.matchAll(/\bsh '([^']*)'/g)].map((m) => m[1]!))),
    shell: lines(blocks('sh')),
  };
}

/** Splits a shell command into words: quotes group, variables stay as written. */
function words(command: string): string[] {
  return [...command.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

/** Parses argv with the real command tree, the command's own action replaced: unknown or missing options throw. */
async function parses(argv: string[]): Promise<Record<string, unknown>> {
  const program = await buildProgram(argv);
  let leaf: Command = program;
  for (const word of argv) {
    const next = leaf.commands.find((c) => c.name() === word);
    if (next) leaf = next;
  }
  let opts: Record<string, unknown> = {};
  leaf.action((...args: unknown[]) => {
    opts = (args[args.length - 1] as Command).optsWithGlobals();
  });
  for (let c: Command | null = leaf; c; c = c.parent) c.configureOutput({ writeErr: () => undefined });
  await program.parseAsync(['node', 'cairn', ...argv]);
  return opts;
}

describe('docs/pipelines.md: every ready-to-copy step runs with the real CLI', () => {
  const commands = pipelineCommands();

  it('finds the gate check and both reports in each CI system', () => {
    for (const system of ['GitHub Actions', 'GitLab CI', 'Jenkins']) {
      expect(commands[system], system).toEqual([
        expect.stringMatching(/^cairn (-o json )?gate check /),
        expect.stringMatching(/^cairn gate report --result success /),
        expect.stringMatching(/^cairn gate report --result failure /),
      ]);
    }
  });

  it.each(Object.entries(pipelineCommands()).flatMap(([system, list]) => list.map((c) => [system, c])))(
    '%s: %s',
    async (_system, command) => {
      const argv = words(command).slice(1);
      const opts = await parses(argv).catch((e: unknown) => {
        throw new Error(`${command}: ${e instanceof CommanderError ? e.message : String(e)}`);
      });
      if (argv.includes('check')) {
        // The page promises a 30-minute wait that records the deployment's start.
        expect(opts).toMatchObject({ wait: true, start: true });
        expect(parseTimeout(opts.timeout as string)).toBe(30 * 60 * 1000);
      }
      if (argv.includes('report')) expect(['success', 'failure']).toContain(opts.result);
    },
  );

  it('an option the CLI lacks is caught, so the check above is not vacuous', async () => {
    await expect(
      parses(['gate', 'check', '--service', 's', '--env', 'e', '--release', '1.0.0', '--wiat']),
    ).rejects.toThrow(/unknown option '--wiat'/);
    await expect(parses(['gate', 'report', '--service', 's'])).rejects.toThrow(/required option '--result/);
  });
});

describe('docs/pipelines.md: the curl steps send bodies the API accepts', () => {
  it('POST /gates/check and /gates/report bodies match their contracts', () => {
    const curl = blocks('sh').find((b) => b.includes('curl'))!;
    const bodies = [...curl.matchAll(/-d '(\{[^']*\})'|-d "(\{.*\})"/g)].map((m): unknown =>
      // The report's deployment id comes from the check's answer at run time.
      JSON.parse((m[1] ?? m[2]!).replace(/\\"/g, '"').replace(/"\$\(echo [^)]*\)"/, '"dep_1"')),
    );
    expect(bodies).toHaveLength(2);
    expect(Value.Errors(GateCheckBody, bodies[0]).First()).toBeUndefined();
    expect(bodies[0]).toMatchObject({ start: true });
    expect(Value.Errors(GateReportBody, bodies[1]).First()).toBeUndefined();
    expect(bodies[1]).toEqual({ deployment: 'dep_1', result: 'success' });
  });
});
