import { toYaml } from '../core/shared/yaml-text.js';
import type { Page } from '../client/page.js';

export type OutputFormat = 'table' | 'json' | 'yaml' | 'ndjson';
const FORMATS: readonly OutputFormat[] = ['table', 'json', 'yaml', 'ndjson'];

export function parseFormat(value: string | undefined): OutputFormat {
  const v = value ?? 'table';
  if ((FORMATS as readonly string[]).includes(v)) return v as OutputFormat;
  throw new CliUsageError(`output format "${v}" is not one of ${FORMATS.join(', ')}`);
}

/** A mistake in how a command was called; printed like any other error, exit status 1. */
export class CliUsageError extends Error {}

/** Prints data as JSON, YAML or NDJSON (an array: one line per item), or calls `table` to print it for people. */
export function print(format: OutputFormat, data: unknown, table: () => string): void {
  if (format === 'json') process.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
  else if (format === 'yaml') process.stdout.write(toYaml(data));
  else if (format === 'ndjson') {
    for (const item of Array.isArray(data) ? (data as unknown[]) : [data])
      process.stdout.write(`${JSON.stringify(item)}\n`);
  } else {
    const text = table();
    if (text !== '') process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }
}

type Cell = string | number | null | undefined;

/** Columns padded to their widest cell, three spaces apart, no borders: what `kubectl get` prints. */
export function renderTable(head: string[], rows: Cell[][]): string {
  const cells = [head, ...rows.map((r) => r.map(cellText))];
  return renderRows(cells, columnWidths(cells, [])).join('\n');
}

function cellText(c: Cell): string {
  return c === null || c === undefined ? '' : String(c).replaceAll('\n', ' ');
}

function columnWidths(rows: string[][], at: number[]): number[] {
  const widths = [...at];
  for (const row of rows) row.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, [...c].length)));
  return widths;
}

function renderRows(rows: string[][], widths: number[]): string[] {
  return rows.map((row) =>
    row
      .map((c, i) => c + ' '.repeat(Math.max(0, (widths[i] ?? 0) - [...c].length)))
      .join('   ')
      .trimEnd(),
  );
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

/** How a list prints: its table, what it says when empty, and the flag that asks for more. */
export interface ListSpec<T> {
  head: string[];
  row: (item: T) => Cell[];
  empty: string;
  /** The option that sets how many are shown (`--limit`, `-n`). */
  limitFlag?: string;
}

export interface ListOptions {
  /** At most this many items (unless `all`). */
  limit: number;
  /** Every item, streamed page by page in constant memory. */
  all: boolean;
}

/** The largest page a list asks for at once: the API's hard page size. */
export const LIST_PAGE = 1000;

/**
 * Prints a list read page by page. Never truncates in silence: when more items exist than were
 * shown, stderr says how many (from the first page's total) and how to see them all.
 */
export async function printList<T>(
  format: OutputFormat,
  fetchPage: (cursor: string | undefined, size: number) => Promise<Page<T>>,
  options: ListOptions,
  spec: ListSpec<T>,
): Promise<void> {
  const writer = listWriter(format, spec);
  let cursor: string | undefined;
  let total: number | undefined;
  let shown = 0;
  let more = false;
  let first = true;
  const kept: T[] = [];
  do {
    const want = options.all ? LIST_PAGE : Math.min(LIST_PAGE, options.limit - shown);
    const page = await fetchPage(cursor, want);
    if (first) total = page.total;
    first = false;
    const items = options.all ? page.items : page.items.slice(0, options.limit - shown);
    shown += items.length;
    // Streaming (--all) writes each page as it comes; a bounded list is printed in one piece so that its columns line up.
    if (options.all) writer.write(items);
    else kept.push(...items);
    cursor = page.nextCursor ?? undefined;
    more = cursor !== undefined || items.length < page.items.length;
  } while (cursor !== undefined && (options.all || shown < options.limit));
  if (!options.all) writer.write(kept);
  writer.end();
  if (more && !options.all) {
    const flag = spec.limitFlag ?? '--limit';
    const of = total !== undefined ? `${count(shown)} of ${count(total)} shown` : `${count(shown)} shown, more exist`;
    process.stderr.write(`${of} — use ${flag} N or --all\n`);
  }
}

function count(n: number): string {
  return n.toLocaleString('en-US').replaceAll(',', ' ');
}

interface ListWriter<T> {
  write(items: T[]): void;
  end(): void;
}

/** Writes a list in pieces so that `-o json` of any length is the same text JSON.stringify would give, in constant memory. */
function listWriter<T>(format: OutputFormat, spec: ListSpec<T>): ListWriter<T> {
  const out = (s: string) => process.stdout.write(s);
  let written = 0;
  let widths: number[] = [];
  switch (format) {
    case 'json':
      return {
        write: (items) => {
          for (const item of items)
            out(`${written++ === 0 ? '[\n' : ',\n'}${JSON.stringify(item, null, 2).replace(/^/gm, '  ')}`);
        },
        end: () => out(written === 0 ? '[]\n' : '\n]\n'),
      };
    case 'yaml':
      return {
        write: (items) => {
          for (const item of items) out(toYaml([item]));
          written += items.length;
        },
        end: () => written === 0 && out('[]\n'),
      };
    case 'ndjson':
      return { write: (items) => items.forEach((item) => out(`${JSON.stringify(item)}\n`)), end: () => undefined };
    case 'table':
      return {
        write: (items) => {
          if (items.length === 0) return;
          const rows = items.map((item) => spec.row(item).map(cellText));
          const withHead = written === 0 ? [spec.head, ...rows] : rows;
          widths = columnWidths(withHead, widths);
          out(`${renderRows(withHead, widths).join('\n')}\n`);
          written += items.length;
        },
        end: () => written === 0 && out(`${spec.empty}\n`),
      };
  }
}
