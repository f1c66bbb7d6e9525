import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './samples.js';

/** The built CLI (`npm test` builds first), run as a separate process like a user would. */
export const cairnBin = join(repoRoot, 'bin', 'cairn');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function cairn(
  args: string[],
  options: { cwd?: string; input?: string; env?: Record<string, string> } = {},
): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(
      cairnBin,
      args,
      { cwd: options.cwd, env: { ...process.env, ...options.env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
    else child.stdin?.end();
  });
}

/**
 * Runs the CLI in this process (no build needed) and returns what it printed: for tests that
 * compare two modes of one command, such as local and `--server`.
 */
export async function cairnInProcess(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const { run } = await import('../../src/cli/program.js');
  const out: string[] = [];
  const err: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  const writeErr = process.stderr.write.bind(process.stderr);
  process.stdout.write = (s: string) => out.push(s) > 0;
  process.stderr.write = (s: string) => err.push(s) > 0;
  try {
    process.exitCode = undefined;
    const code = await run(['node', 'cairn', ...args]);
    return { code, out: out.join(''), err: err.join('') };
  } finally {
    process.stdout.write = write;
    process.stderr.write = writeErr;
    process.exitCode = undefined;
  }
}
