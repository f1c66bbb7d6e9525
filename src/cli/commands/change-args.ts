import { parseChangeRef } from '../../core/change/change.types.js';
import { CliUsageError } from '../output.js';
import { readYamlFile } from '../read-input.js';

/*
 * The syntax of the change commands' arguments, checked before the client is called, so that a
 * mistake reads the same on a database and through a server.
 */

/** `CHG-12`, `chg-12` or `12`, as `CHG-12`. */
export function changeRefArg(text: string): string {
  const id = parseChangeRef(text);
  if (id === undefined) throw new CliUsageError(`"${text}" is not a change reference: write it as CHG-12`);
  return `CHG-${id}`;
}

/** An ISO-8601 date (midnight UTC) or time, as a UTC ISO time; `fallback` (ms) when not given. */
export function instantArg(text: string | undefined, what: string, fallback?: number): string | undefined {
  if (text === undefined && fallback === undefined) return undefined;
  const ms = text === undefined ? fallback! : Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(ms)) throw new CliUsageError(`${what} "${text}" is not an ISO-8601 date or time`);
  return new Date(ms).toISOString();
}

/** `--start`/`--end` of `change schedule`: both or neither, times with a zone, end after start. */
export function windowArg(
  start: string | undefined,
  end: string | undefined,
): { start: string; end: string } | undefined {
  if ((start === undefined) !== (end === undefined))
    throw new CliUsageError('give both --start and --end, or neither to use the planned window');
  if (start === undefined || end === undefined) return undefined;
  const s = Date.parse(start);
  const e = Date.parse(end);
  if (!/(Z|[+-]\d\d:\d\d)$/i.test(start) || !/(Z|[+-]\d\d:\d\d)$/i.test(end) || Number.isNaN(s) || Number.isNaN(e)) {
    throw new CliUsageError('--start and --end must be ISO-8601 times with a zone, e.g. 2026-12-01T22:00:00Z');
  }
  if (e <= s) throw new CliUsageError('--end must be after --start');
  return { start: new Date(s).toISOString(), end: new Date(e).toISOString() };
}

/** Each value of a repeatable option, checked against what it may be. */
export function oneOf<T extends string>(
  values: string[] | undefined,
  allowed: readonly T[],
  what: string,
): T[] | undefined {
  for (const v of values ?? [])
    if (!(allowed as readonly string[]).includes(v))
      throw new CliUsageError(`${what} "${v}" is not one of ${allowed.join(', ')}`);
  return values as T[] | undefined;
}

/** A YAML (or JSON) document of fields, such as change.yaml or policy.yaml; its fields are checked by the core. */
export function readFieldsFile(path: string): Record<string, unknown> {
  const doc = readYamlFile(path);
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    throw new CliUsageError(
      `${path} must hold a mapping of fields (key: value), not ${Array.isArray(doc) ? 'a list' : doc === null ? 'nothing' : 'a single value'}`,
    );
  return doc as Record<string, unknown>;
}
