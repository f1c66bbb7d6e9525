import Table from 'cli-table3';
import { stringify as toYaml } from 'yaml';

export type OutputFormat = 'table' | 'json' | 'yaml';

export function parseFormat(value: string | undefined): OutputFormat {
  const v = value ?? 'table';
  if (v === 'table' || v === 'json' || v === 'yaml') return v;
  throw new CliUsageError(`output format "${v}" is not one of table, json, yaml`);
}

/** A mistake in how a command was called; printed like any other error, exit status 1. */
export class CliUsageError extends Error {}

/** Prints data as JSON or YAML, or calls `table` to print it for people. */
export function print(format: OutputFormat, data: unknown, table: () => string): void {
  if (format === 'json') process.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
  else if (format === 'yaml') process.stdout.write(toYaml(data));
  else {
    const text = table();
    if (text !== '') process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }
}

export function renderTable(head: string[], rows: (string | number | null | undefined)[][]): string {
  const t = new Table({ head, style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 }, chars: borderless });
  for (const r of rows) t.push(r.map((c) => (c === null || c === undefined ? '' : String(c))));
  return t
    .toString()
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
}

/** `key=value` pairs on one line, values as JSON when not plain strings. */
export function inline(record: Record<string, unknown>): string {
  return Object.entries(record)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
}

export function show(value: unknown): string {
  if (value === null || value === undefined) return '∅';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

const borderless = {
  top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
  bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
  left: '', 'left-mid': '', mid: '', 'mid-mid': '',
  right: '', 'right-mid': '', middle: '   ',
};
