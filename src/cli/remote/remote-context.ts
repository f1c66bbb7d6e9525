import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { CliUsageError, parseFormat, type OutputFormat } from '../output.js';
import { CairnClient } from './client.js';

export interface RemoteContext {
  client: CairnClient;
  format: OutputFormat;
  /** Who the token or session acts as (`token:ci`), asked of the server when a sentence needs it. */
  whoami(): Promise<string>;
}

/** The client of `--server URL` (or CAIRN_SERVER) with CAIRN_TOKEN, and the output format. */
export function remoteContext(cmd: Command): RemoteContext {
  const opts = cmd.optsWithGlobals<{ server?: string; output?: string }>();
  const config = loadConfig();
  const server = opts.server ?? config.server;
  if (!server) throw new CliUsageError('remote mode needs --server URL or CAIRN_SERVER');
  const client = new CairnClient(server, config.token);
  return { client, format: parseFormat(opts.output), whoami: async () => (await client.get<{ name: string }>('api/v1/session')).name };
}

/** Runs a remote command body with its context (commander passes the command last). */
export function remote<A extends unknown[]>(body: (ctx: RemoteContext, ...args: A) => Promise<void>) {
  return async (...args: unknown[]): Promise<void> => {
    const cmd = args[args.length - 1] as Command;
    await body(remoteContext(cmd), ...(args.slice(0, -1) as A));
  };
}
