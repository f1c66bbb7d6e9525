import { keyValuePairs } from '../core/shared/key-value.js';
import { parseRef, type CiRef } from '../core/ci/desired-state.js';
import { CliUsageError } from './output.js';

export function ciRefArg(text: string): CiRef {
  const ref = parseRef(text);
  if (!ref) throw new CliUsageError(`"${text}" is not a CI reference: write it as class/name, e.g. server/web-01`);
  return ref;
}

export function positiveInt(text: string, what: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1)
    throw new CliUsageError(`${what} must be a whole number of at least 1, not "${text}"`);
  return n;
}

/** `k=v` pairs of repeated options, each checked to have a key. */
export function keyValues(pairs: string[] | undefined, what: string): Record<string, string> {
  const bad = pairs?.find((p) => p.indexOf('=') <= 0);
  if (bad !== undefined) throw new CliUsageError(`${what} "${bad}" must be written key=value`);
  return keyValuePairs(pairs);
}

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
