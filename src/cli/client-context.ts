import type { Command } from 'commander';
import type { CairnClient } from '../client/client.js';
import { globalsOf } from './global-options.js';
import type { OutputFormat } from './output.js';

/** What a command gets: the client (in-process or over HTTP, the command cannot tell) and the output format. */
export interface CommandContext {
  client: CairnClient;
  format: OutputFormat;
}

/**
 * Runs a command body on a client: over HTTP when `--server` (or CAIRN_SERVER) names a Cairn
 * server, else in-process on the database of `--db`. Each transport is loaded only when used.
 */
export async function withClient<T>(command: Command, work: (ctx: CommandContext) => Promise<T>): Promise<T> {
  const g = globalsOf(command);
  if (g.server !== undefined) {
    const { remoteClient } = await import('./remote-client.js');
    return work({ client: remoteClient(g.server, g.token), format: g.format });
  }
  const { openLocal } = await import('./local-root.js');
  const local = await openLocal(g);
  try {
    return await work({ client: local.client, format: g.format });
  } finally {
    await local.close();
  }
}
