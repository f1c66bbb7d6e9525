import type { Command } from 'commander';
import type { Services } from '../app/services.js';
import type { WriteMeta } from '../core/revision/revision.types.js';
import { globalsOf } from './global-options.js';
import type { OutputFormat } from './output.js';

/**
 * What a command that works on the database itself gets: the services, the output format and
 * the author. Commands that also make sense against a server use `withClient` instead.
 */
export interface CliContext extends Services {
  format: OutputFormat;
  author: string;
  /** Who acts in the change workflow: `--as USER`, else the author. */
  actor: string;
  dbUrl: string;
  /** The engine of that database. */
  engine: 'sqlite' | 'postgres';
  meta(message?: string, source?: string): WriteMeta;
}

/** Opens the database named by `--db` (or CAIRN_DB, or ./cairn.db), runs `work`, closes it. */
export async function withContext<T>(command: Command, work: (ctx: CliContext) => Promise<T>): Promise<T> {
  const g = globalsOf(command);
  const { openLocal } = await import('./local-root.js');
  const local = await openLocal(g);
  try {
    const { author, emergency } = g;
    const ctx: CliContext = {
      ...local.services,
      format: g.format,
      author,
      actor: g.actor,
      dbUrl: g.db,
      engine: local.engine,
      meta: (message, source) => ({
        author,
        message: message ?? '',
        source: source ?? 'cli',
        ...(emergency ? { emergency } : {}),
      }),
    };
    return await work(ctx);
  } finally {
    await local.close();
  }
}
