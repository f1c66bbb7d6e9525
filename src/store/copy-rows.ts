import { CompiledQuery } from 'kysely';

// Its own module, free of the PostgreSQL driver, as sent-with-next.ts: the version inserts are
// loaded on either engine, and a CLI read on SQLite must not load `pg`.

/** SQL of the COPY statements copyRows made: the pool runs these with their rows (postgres-engine.ts). */
const copySql = new Set<string>();

/**
 * `COPY table (columns) FROM STDIN` with the rows it loads, in COPY's text format (copyRowText),
 * as its one parameter. Run through the PostgreSQL pool, the statement and its rows leave in one
 * write; the server loads them without the executor's per-row work of an INSERT … SELECT FROM
 * unnest(arrays): 102 000 CI versions into ci_versions and its indexes in 0.80–1.00 s against
 * 1.71–2.08 s, 286 500 relationship versions in 2.25–2.54 against 3.60–4.33 s (issue 14). The
 * mark is kept by SQL text, a bounded set: one per table and column list.
 */
export function copyRows(table: string, columns: readonly string[], rows: string): CompiledQuery {
  const text = `copy ${quoted(table)} (${columns.map(quoted).join(', ')}) from stdin`;
  copySql.add(text);
  return CompiledQuery.raw(text, [rows]);
}

/** copyRows of row objects, their values taken in the order of `columns`. */
export function copyRowObjects(
  table: string,
  columns: readonly string[],
  rows: readonly Record<string, unknown>[],
): CompiledQuery {
  let text = '';
  for (const row of rows) text += copyRowText(columns.map((c) => row[c]));
  return copyRows(table, columns, text);
}

/** Whether `sql` was made by copyRows: its one parameter is the rows' text. */
export function isCopyRows(sql: string): boolean {
  return copySql.has(sql);
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

const SPECIAL = /[\\\t\n\r]/;

/**
 * One row of COPY's text format: the values tab-separated and the line ended, a null as `\N`, a
 * backslash, tab, newline or carriage return in a value escaped (every other character stands for
 * itself). Values are text, numbers, booleans or null (JSON columns as their text, timestamps as
 * ISO text), each written as its text, which the server parses as it would a literal.
 */
export function copyRowText(values: readonly unknown[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) line += '\t';
    const value = values[i];
    if (value === null || value === undefined) line += '\\N';
    else {
      const text = typeof value === 'string' ? value : scalarText(value);
      line += SPECIAL.test(text) ? escaped(text) : text;
    }
  }
  return line + '\n';
}

function scalarText(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  // A caller's fault: every column is given as its text (JSON, timestamps) or a scalar.
  throw new TypeError(`COPY takes text, numbers and booleans, not ${typeof value}`);
}

function escaped(text: string): string {
  return text.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}
