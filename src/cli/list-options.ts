import type { Command } from 'commander';
import type { ListOptions } from './output.js';
import { positiveInt } from './parse-args.js';

/** `--limit N` (default `fallback`) and `--all` on a list command. */
export function withListOptions(command: Command, fallback = 1000, flag = '--limit <n>'): Command {
  return command
    .option(flag, 'at most this many (stderr says how many were left out)', String(fallback))
    .option('--all', 'every one, read page by page');
}

/** The list options given, checked before any request is made. */
export function listOptions(opts: { limit: string; all?: boolean }, flag = '--limit'): ListOptions {
  return { limit: positiveInt(opts.limit, flag), all: opts.all === true };
}
