import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tables are discovered at run time
export type AnyDb = Kysely<any>;

export interface ColumnInfo {
  name: string;
  /** Declared type, lower case: `jsonb`, `timestamp with time zone`, `text`, `integer`, … */
  type: string;
}

export interface TableInfo {
  name: string;
  columns: ColumnInfo[];
  /** Primary-key columns in key order; empty when the table has none. */
  key: string[];
  /** Tables this one references by foreign key (they must be filled first). */
  references: string[];
}

/** Tables that are not data: the migrator's bookkeeping and the copy's own progress table. */
export const COPY_STATE_TABLE = 'cairn_copy_state';
const NOT_DATA = new Set(['cairn_migrations', 'cairn_migrations_lock', COPY_STATE_TABLE]);

/**
 * Every data table of a database, with columns, key and references, in an order where a table
 * comes after those it references. Read from the catalogue rather than a fixed list, so that
 * tables added by later migrations (changes, users, policies, …) are copied without edits here.
 */
export async function listTables(db: AnyDb, engine: Engine): Promise<TableInfo[]> {
  const names = engine === 'sqlite' ? await sqliteTables(db) : await postgresTables(db);
  const tables: TableInfo[] = [];
  for (const name of names.filter((n) => !NOT_DATA.has(n)))
    tables.push(engine === 'sqlite' ? await sqliteTable(db, name) : await postgresTable(db, name));
  return ordered(tables);
}

async function sqliteTables(db: AnyDb): Promise<string[]> {
  const rows = await sql<{
    name: string;
  }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(db);
  return rows.rows.map((r) => r.name);
}

async function sqliteTable(db: AnyDb, name: string): Promise<TableInfo> {
  const cols = await sql<{
    name: string;
    type: string;
    pk: number;
  }>`select name, type, pk from pragma_table_info(${name})`.execute(db);
  const fks = await sql<{ table: string }>`select "table" from pragma_foreign_key_list(${name})`.execute(db);
  return {
    name,
    columns: cols.rows.map((c) => ({ name: c.name, type: c.type.toLowerCase() })),
    key: cols.rows
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name),
    references: [...new Set(fks.rows.map((f) => f.table))],
  };
}

async function postgresTables(db: AnyDb): Promise<string[]> {
  const rows = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db);
  return rows.rows.map((r) => r.name);
}

async function postgresTable(db: AnyDb, name: string): Promise<TableInfo> {
  const cols = await sql<{ name: string; type: string }>`
    select column_name as name, data_type as type from information_schema.columns
    where table_schema = current_schema() and table_name = ${name} order by ordinal_position`.execute(db);
  const key = await sql<{ name: string }>`
    select a.attname as name from pg_index i
    join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
    where i.indrelid = to_regclass(quote_ident(current_schema()) || '.' || quote_ident(${name})) and i.indisprimary
    order by array_position(i.indkey::int2[], a.attnum)`.execute(db);
  const refs = await sql<{ ref: string }>`
    select distinct ccu.table_name as ref from information_schema.table_constraints tc
    join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name and ccu.table_schema = tc.table_schema
    where tc.constraint_type = 'FOREIGN KEY' and tc.table_schema = current_schema() and tc.table_name = ${name}`.execute(
    db,
  );
  return {
    name,
    columns: cols.rows.map((c) => ({ name: c.name, type: c.type.toLowerCase() })),
    key: key.rows.map((k) => k.name),
    references: refs.rows.map((r) => r.ref),
  };
}

/** Columns of a PostgreSQL table whose values come from a sequence, to move it past the copied rows. */
export async function sequenceColumns(db: AnyDb, table: string): Promise<string[]> {
  const rows = await sql<{ name: string }>`
    select column_name as name from information_schema.columns
    where table_schema = current_schema() and table_name = ${table}
      and (column_default like 'nextval(%' or is_identity = 'YES')`.execute(db);
  return rows.rows.map((r) => r.name);
}

/** Topological order: referenced tables first; ties (and cycles) by name. */
function ordered(tables: TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const out: TableInfo[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (t: TableInfo) => {
    if (state.has(t.name)) return;
    state.set(t.name, 'visiting');
    for (const r of t.references) {
      const ref = byName.get(r);
      if (ref && r !== t.name) visit(ref);
    }
    state.set(t.name, 'done');
    out.push(t);
  };
  for (const t of [...tables].sort((a, b) => (a.name < b.name ? -1 : 1))) visit(t);
  return out;
}
