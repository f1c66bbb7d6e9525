import { spawn, type ChildProcess } from 'node:child_process';
import { cairnBin } from './cli.js';

export interface ServeProcess {
  /** The server's base URL, e.g. http://127.0.0.1:41234 (no trailing slash). */
  url: string;
  /** Everything the server printed so far, stdout and stderr together. */
  logs(): string;
  stop(): Promise<void>;
}

/**
 * `cairn --db DB serve --port 0 …` as a separate process, as an operator starts it: resolves with
 * the address it printed once it listens on a free port. `nodeFlags` run it under `node` with
 * those flags (V8's traces, a smaller heap).
 */
export async function startServeProcess(
  db: string,
  extra: string[] = [],
  nodeFlags: string[] = [],
): Promise<ServeProcess> {
  const args = ['--db', db, 'serve', '--port', '0', ...extra];
  const child: ChildProcess =
    nodeFlags.length > 0
      ? spawn(process.execPath, [...nodeFlags, cairnBin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
      : spawn(cairnBin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let logs = '';
  child.stdout?.on('data', (c: Buffer) => (logs += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (logs += c.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const fail = (why: string) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`cairn serve ${why}: ${logs}`));
    };
    const timer = setTimeout(() => fail('did not start in 45 s'), 45_000);
    const poll = setInterval(() => {
      if (child.exitCode !== null) return fail(`exited with ${child.exitCode}`);
      const m = /Cairn web UI: (http:\/\/\S+)/.exec(logs);
      if (!m) return;
      clearInterval(poll);
      clearTimeout(timer);
      resolve(m[1]!.replace(/\/$/, ''));
    }, 50);
  });
  return {
    url,
    logs: () => logs,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}
