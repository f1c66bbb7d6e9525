import { sql } from 'kysely';
import { copyRowObjects } from '../copy-rows.js';
import type { Engine } from '../engine.js';
import type { AnyDb, ColumnInfo, TableInfo } from './introspect.js';

type Row = Record<string, unknown>;

/** Rows read from the source per page (and written per target transaction). */
export const PAGE_ROWS = 5000;

export interface CopyEnds {
  source: AnyDb;
  sourceEngine: Engine;
  target: AnyDb;
  targetEngine: Engine;
}

/**
 * Copies every row of one table, page by page in key order (keyset pagination, so each page is an
 * index range scan however far in), each page written in one target transaction: on PostgreSQL
 * one COPY, on SQLite multi-row INSERTs. Values are converted per column: PostgreSQL hands back
 * jsonb parsed and timestamptz as Date, SQLite holds both as text; the target receives the text
 * form, which each engine parses into its own type.
 */
export async function copyTable(ends: CopyEnds, table: TableInfo, onRows: (n: number) => void): Promise<number> {
  const convert = table.columns.map((c) => converter(c, ends.sourceEngine, ends.targetEngine));
  const names = table.columns.map((c) => c.name);
  // SQLite: stay far below its 32 766 bound parameters per statement.
  const perInsert = Math.max(1, Math.min(1000, Math.floor(20_000 / Math.max(names.length, 1))));
  let copied = 0;
  let last: Row | undefined;
  for (;;) {
    const page = await readPage(ends.source, table, last, copied);
    if (page.length === 0) break;
    const rows = page.map((r) => {
      const out: Row = {};
      names.forEach((n, i) => (out[n] = convert[i]!(r[n])));
      return out;
    });
    await ends.target.transaction().execute(async (trx) => {
      if (ends.targetEngine === 'postgres') {
        await trx.executeQuery(copyRowObjects(table.name, names, rows));
        return;
      }
      for (let i = 0; i < rows.length; i += perInsert)
        await trx
          .insertInto(table.name)
          .values(rows.slice(i, i + perInsert))
          .execute();
    });
    copied += page.length;
    onRows(page.length);
    last = page[page.length - 1];
    if (page.length < PAGE_ROWS) break;
  }
  return copied;
}

/** The next page after `last` in key order; a table without a key falls back to offsets. */
async function readPage(db: AnyDb, table: TableInfo, last: Row | undefined, offset: number): Promise<Row[]> {
  let q = db.selectFrom(table.name).selectAll();
  if (table.key.length === 0) {
    for (const c of table.columns) q = q.orderBy(c.name);
    return await q.limit(PAGE_ROWS).offset(offset).execute();
  }
  if (last) {
    const keys = sql.join(table.key.map((k) => sql.ref(k)));
    const values = sql.join(table.key.map((k) => last[k]));
    q = q.where(sql<boolean>`(${keys}) > (${values})`);
  }
  for (const k of table.key) q = q.orderBy(k);
  return await q.limit(PAGE_ROWS).execute();
}

/** How a value of a source column is written to the target. */
function converter(column: ColumnInfo, from: Engine, to: Engine): (v: unknown) => unknown {
  const json = from === 'postgres' && (column.type === 'jsonb' || column.type === 'json');
  return (v) => {
    if (v === null || v === undefined) return null;
    // jsonb comes back parsed (a JSON string scalar as a JS string): always re-encode it.
    if (json) return JSON.stringify(v);
    if (v instanceof Date) return v.toISOString();
    if (typeof v === 'boolean') return to === 'sqlite' ? (v ? 1 : 0) : v;
    if (typeof v === 'bigint') return to === 'sqlite' ? v : v.toString();
    if (to === 'sqlite' && typeof v === 'object' && !Buffer.isBuffer(v)) return JSON.stringify(v);
    return v;
  };
}
