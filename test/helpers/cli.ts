import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './shared-data.js';

/** The built CLI (`npm test` builds first), run as a separate process like a user would. */
export const cairnBin = join(repoRoot, 'bin', 'cairn');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function cairn(args: string[], options: { cwd?: string; input?: string; env?: Record<string, string> } = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(cairnBin, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
    if (options.input !== undefined) child.stdin?.end(options.input);
    else child.stdin?.end();
  });
}
