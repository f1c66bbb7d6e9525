import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { createCmdbServices, type CmdbServices } from '../core/services.js';
import type { WriteMeta } from '../core/revision/revision.types.js';
import { loadConfig } from '../config.js';
import { openStore } from '../store/connect.js';
import { parseFormat, type OutputFormat } from './output.js';

/** What every command gets: services on the chosen database, the output format and the author. */
export interface CliContext extends CmdbServices {
  format: OutputFormat;
  author: string;
  dbUrl: string;
  meta(message?: string, source?: string): WriteMeta;
}

interface GlobalOptions {
  db?: string;
  output?: string;
  author?: string;
}

/** Opens the database named by `--db` (or CAIRN_DB, or ./cairn.db), runs `work`, closes it. */
export async function withContext<T>(command: Command, work: (ctx: CliContext) => Promise<T>): Promise<T> {
  const opts = command.optsWithGlobals<GlobalOptions>();
  const config = loadConfig();
  const dbUrl = opts.db ?? config.db;
  const format = parseFormat(opts.output);
  const author = opts.author ?? config.author ?? osUser();
  const store = await openStore(dbUrl);
  try {
    const services = createCmdbServices(store);
    await services.cmdb.initialize('cairn');
    const ctx: CliContext = {
      ...services,
      format,
      author,
      dbUrl,
      meta: (message, source) => ({ author, message: message ?? '', source: source ?? 'cli' }),
    };
    return await work(ctx);
  } finally {
    await store.close();
  }
}

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
