import type { InputScope } from '../../core/import/input-scope.js';
import { CliUsageError } from '../output.js';

/**
 * Checks of the words drift commands are given, made before the client is called so that a
 * database and a server refuse them with the same sentence (the API's schemas set these bounds).
 */

/** The longest source name, message or note the API takes. */
const MAX_SOURCE = 200;
const MAX_TEXT = 2000;

/** A text option that must say something. */
export function textArg(value: string, flag: string): string {
  if (value.trim() === '') throw new CliUsageError(`${flag} must not be empty`);
  return value;
}

/** A source name: not empty, at most 200 characters. */
export function sourceArg(value: string, flag: string): string {
  textArg(value, flag);
  if (value.length > MAX_SOURCE) throw new CliUsageError(`${flag} is longer than ${MAX_SOURCE} characters`);
  return value;
}

/** A message or note: at most 2 000 characters. */
export function noteArg(value: string | undefined, flag: string): string | undefined {
  if (value !== undefined && value.length > MAX_TEXT)
    throw new CliUsageError(`${flag} is longer than ${MAX_TEXT} characters`);
  return value;
}

export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], what: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value))
    throw new CliUsageError(`${what} "${value}" is not one of ${allowed.join(', ')}`);
  return value as T;
}

/** Named findings, or `--all-open` (of a `--source`): one or the other. */
export function selection(
  ids: string[],
  opts: { allOpen?: boolean; source?: string },
): { ids: string[] } | { allOpen: true; source?: string } {
  if (opts.allOpen && ids.length > 0) throw new CliUsageError('name findings or use --all-open, not both');
  if (opts.allOpen) return { allOpen: true, ...(opts.source ? { source: opts.source } : {}) };
  if (ids.length === 0) throw new CliUsageError('name the findings (DRF-n …) or use --all-open');
  return { ids };
}

/** The `--source/--class/--ci/--attribute` of `suppress add`, those given. */
export function suppressionMatch(opts: {
  source?: string;
  class?: string;
  ci?: string;
  attribute?: string;
}): Record<string, string> {
  return Object.fromEntries(
    Object.entries({ source: opts.source, class: opts.class, ci: opts.ci, attribute: opts.attribute }).filter(
      (e): e is [string, string] => e[1] !== undefined,
    ),
  );
}

/** `--partial`, `--scope-class`, `--scope-source`, as `drift check` and `import` take them. */
export interface ScopeOpts {
  partial?: boolean;
  scopeClass?: string[];
  scopeSource?: string[];
}

/** The scope those options give; undefined when none is given (the input covers all its source sees). */
export function scopeArgs(opts: ScopeOpts): InputScope | undefined {
  const list = (values: string[] | undefined, flag: string) => {
    if (values === undefined) return undefined;
    const names = values.flatMap((v) => v.split(',')).map((v) => v.trim());
    if (names.some((n) => n === '')) throw new CliUsageError(`${flag} names an empty class or source`);
    return names;
  };
  const classes = list(opts.scopeClass, '--scope-class');
  const sources = list(opts.scopeSource, '--scope-source');
  const scope: InputScope = {
    ...(classes ? { classes } : {}),
    ...(sources ? { sources } : {}),
    ...(opts.partial ? { partial: true } : {}),
  };
  return Object.keys(scope).length > 0 ? scope : undefined;
}
