import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { CliUsageError, parseFormat, type OutputFormat } from './output.js';

interface GlobalOptions {
  db?: string;
  server?: string;
  output?: string;
  author?: string;
  as?: string;
  emergency?: boolean;
  reason?: string;
}

/** The root options every command shares, read with the environment's defaults (CAIRN_DB, CAIRN_SERVER, …). */
export interface Globals {
  format: OutputFormat;
  /** Set when the command runs against a Cairn server (`--server` or CAIRN_SERVER). */
  server?: string;
  token?: string;
  db: string;
  author: string;
  actor: string;
  emergency?: { reason: string };
}

export function globalsOf(command: Command): Globals {
  const opts = command.optsWithGlobals<GlobalOptions>();
  const config = loadConfig();
  const author = opts.author ?? opts.as ?? config.author ?? osUser();
  return {
    format: parseFormat(opts.output),
    server: opts.server ?? config.server,
    token: config.token,
    db: opts.db ?? config.db,
    author,
    actor: opts.as ?? author,
    emergency: emergencyOf(opts),
  };
}

/** `--emergency --reason TEXT`: both or neither. */
function emergencyOf(opts: GlobalOptions): { reason: string } | undefined {
  if (opts.emergency !== true && opts.reason === undefined) return undefined;
  if (opts.emergency !== true)
    throw new CliUsageError('--reason goes with --emergency: give both to write to controlled CIs outside a change');
  if (opts.reason === undefined || opts.reason.trim() === '')
    throw new CliUsageError('--emergency needs --reason "…": say why the write cannot wait for a change');
  return { reason: opts.reason };
}

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
