import pg from 'pg';
import { fmt } from './report.js';

/** One table's size on disk: heap (with its TOAST), indexes, and the whole; rows counted exactly. */
export interface TableSize {
  table: string;
  rows: number;
  heapBytes: number;
  indexBytes: number;
  totalBytes: number;
}

export interface IndexSize {
  table: string;
  index: string;
  bytes: number;
}

/** Tables below this share of the database are left out of the listing (the many small ones). */
const MIN_BYTES = 1 << 20;

/**
 * PostgreSQL: what each table and each index of the database at `url` takes on disk
 * (pg_total_relation_size = pg_table_size + pg_indexes_size), largest first, with exact row
 * counts of the tables listed. A scale run prints it after the import and again at its end.
 */
export async function tableSizes(url: string): Promise<{ tables: TableSize[]; indexes: IndexSize[] }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ table: string; heap: string; indexes: string; total: string }>(
      `select c.relname as table, pg_table_size(c.oid) as heap, pg_indexes_size(c.oid) as indexes,
              pg_total_relation_size(c.oid) as total
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p') and pg_total_relation_size(c.oid) >= $1
        order by pg_total_relation_size(c.oid) desc`,
      [MIN_BYTES],
    );
    const out: TableSize[] = [];
    for (const t of tables.rows) {
      const rows = await client.query<{ n: string }>(`select count(*) as n from "${t.table}"`);
      out.push({
        table: t.table,
        rows: Number(rows.rows[0]!.n),
        heapBytes: Number(t.heap),
        indexBytes: Number(t.indexes),
        totalBytes: Number(t.total),
      });
    }
    const indexes = await client.query<{ table: string; index: string; bytes: string }>(
      `select i.relname as table, i.indexrelname as index, pg_relation_size(i.indexrelid) as bytes
         from pg_stat_user_indexes i
        where pg_relation_size(i.indexrelid) >= $1
        order by pg_relation_size(i.indexrelid) desc`,
      [MIN_BYTES],
    );
    return {
      tables: out,
      indexes: indexes.rows.map((r) => ({ table: r.table, index: r.index, bytes: Number(r.bytes) })),
    };
  } finally {
    await client.end();
  }
}

/** The sizes as two Markdown tables (MiB, and bytes per row). */
export function sizesReport(sizes: { tables: TableSize[]; indexes: IndexSize[] }): string {
  const mib = (b: number) => fmt(b / 2 ** 20);
  const perRow = (b: number, rows: number) => (rows > 0 ? fmt(b / rows) : '–');
  return [
    '| table | rows | heap MiB | indexes MiB | total MiB | bytes per row (total) |',
    '|---|---:|---:|---:|---:|---:|',
    ...sizes.tables.map(
      (t) =>
        `| ${t.table} | ${fmt(t.rows)} | ${mib(t.heapBytes)} | ${mib(t.indexBytes)} | ${mib(t.totalBytes)} | ${perRow(t.totalBytes, t.rows)} |`,
    ),
    '',
    '| index | table | MiB |',
    '|---|---|---:|',
    ...sizes.indexes.map((i) => `| ${i.index} | ${i.table} | ${mib(i.bytes)} |`),
  ].join('\n');
}
