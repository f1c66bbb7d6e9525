import { sql } from 'kysely';
import { ConflictError } from '../../core/shared/errors.js';
import { openStore, type KyselyCmdbStore } from '../connect.js';
import { copyTable } from './copy-table.js';
import { COPY_STATE_TABLE, listTables, sequenceColumns, type AnyDb, type TableInfo } from './introspect.js';

export interface CopyProgress {
  table: string;
  /** Rows copied so far, over all tables, and the total to copy. */
  done: number;
  total: number;
}

export interface TableCount {
  table: string;
  source: number;
  target: number;
  /** False when the table was copied by an earlier, interrupted run and kept. */
  copiedNow: boolean;
}

export interface CopyReport {
  tables: TableCount[];
  /** True when every table has as many rows in the target as in the source. */
  countsMatch: boolean;
  resumed: boolean;
  /** The target, open: the caller verifies its chain and closes it. */
  target: KyselyCmdbStore;
}

const STARTED = '*';

/**
 * Copies every table of the database at `fromUrl`, history included, into the database at `toUrl`
 * (migrated to the current schema first), then counts rows on both sides. The source is read in
 * one snapshot (a read transaction), so a write made meanwhile is either wholly in the copy or
 * not at all.
 *
 * Resumable: the target records each table once it is complete. Run again after an interruption,
 * the copy empties the tables left incomplete and copies them again; complete ones are kept.
 * A target that already holds revisions and was not begun by a copy is refused.
 */
export async function copyDatabase(
  fromUrl: string,
  toUrl: string,
  onProgress?: (p: CopyProgress) => void,
): Promise<CopyReport> {
  const source = await openStore(fromUrl);
  let target: KyselyCmdbStore | undefined;
  try {
    target = await openStore(toUrl);
    const tdb = target.kysely as AnyDb;
    const resumed = await prepareTarget(tdb);
    const done = await completedTables(tdb);
    const run = async (sdb: AnyDb): Promise<CopyReport> => {
      const tables = await listTables(sdb, source.engine);
      await checkTargetHasTables(tdb, target!.engine, tables);
      const counts = new Map<string, number>();
      for (const t of tables) counts.set(t.name, await countRows(sdb, t.name));
      const total = [...counts.values()].reduce((a, b) => a + b, 0);
      let copied = [...done].reduce((n, name) => n + (counts.get(name) ?? 0), 0);
      // Children first, so that emptying a table never trips a foreign key.
      for (const t of [...tables].reverse()) if (!done.has(t.name)) await tdb.deleteFrom(t.name).execute();
      const ends = { source: sdb, sourceEngine: source.engine, target: tdb, targetEngine: target!.engine };
      for (const t of tables) {
        if (done.has(t.name)) continue;
        onProgress?.({ table: t.name, done: copied, total });
        await copyTable(ends, t, (n) => onProgress?.({ table: t.name, done: (copied += n), total }));
        if (target!.engine === 'postgres') await advanceSequences(tdb, t.name);
        await tdb
          .insertInto(COPY_STATE_TABLE)
          .values({ name: t.name, rows: counts.get(t.name) ?? 0 })
          .execute();
      }
      const report: TableCount[] = [];
      for (const t of tables)
        report.push({
          table: t.name,
          source: counts.get(t.name) ?? 0,
          target: await countRows(tdb, t.name),
          copiedNow: !done.has(t.name),
        });
      return { tables: report, countsMatch: report.every((r) => r.source === r.target), resumed, target: target! };
    };
    // PostgreSQL: REPEATABLE READ gives one snapshot for every page; SQLite: a read transaction does.
    const snapshot =
      source.engine === 'postgres'
        ? source.kysely.transaction().setIsolationLevel('repeatable read')
        : source.kysely.transaction();
    return await snapshot.execute((trx) => run(trx as AnyDb));
  } catch (e) {
    await target?.close();
    throw e;
  } finally {
    await source.close();
  }
}

/** Creates the copy's progress table; refuses a target that holds data a copy did not put there. */
async function prepareTarget(db: AnyDb): Promise<boolean> {
  await db.schema
    .createTable(COPY_STATE_TABLE)
    .ifNotExists()
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('rows', 'integer', (c) => c.notNull())
    .execute();
  const started = await db.selectFrom(COPY_STATE_TABLE).select('name').where('name', '=', STARTED).executeTakeFirst();
  if (started) return true;
  const revisions = await countRows(db, 'revisions');
  if (revisions > 0)
    throw new ConflictError(
      'MIGRATE_TARGET_NOT_EMPTY',
      `the target database already holds ${revisions} revisions: migrate copies into an empty database only`,
    );
  await db.insertInto(COPY_STATE_TABLE).values({ name: STARTED, rows: 0 }).execute();
  return false;
}

async function completedTables(db: AnyDb): Promise<Set<string>> {
  const rows = (await db.selectFrom(COPY_STATE_TABLE).select('name').execute()) as { name: string }[];
  return new Set(rows.map((r) => r.name).filter((n) => n !== STARTED));
}

async function checkTargetHasTables(db: AnyDb, engine: 'sqlite' | 'postgres', tables: TableInfo[]): Promise<void> {
  const present = new Map((await listTables(db, engine)).map((t) => [t.name, new Set(t.columns.map((c) => c.name))]));
  for (const t of tables) {
    const columns = present.get(t.name);
    const missing = columns ? t.columns.filter((c) => !columns.has(c.name)).map((c) => c.name) : [];
    if (!columns || missing.length > 0) {
      const what = columns ? `column ${missing.join(', ')} of table ${t.name}` : `table ${t.name}`;
      throw new ConflictError(
        'MIGRATE_SCHEMA_MISMATCH',
        `the target has no ${what}: the source was written by a newer Cairn; upgrade this one and run migrate again`,
      );
    }
  }
}

export async function countRows(db: AnyDb, table: string): Promise<number> {
  const row = (await db
    .selectFrom(table)
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirst()) as { n: number | string } | undefined;
  return Number(row?.n ?? 0);
}

/** Moves serial/identity sequences past the copied ids, so new rows do not collide with them. */
async function advanceSequences(db: AnyDb, table: string): Promise<void> {
  for (const column of await sequenceColumns(db, table)) {
    await sql`select setval(pg_get_serial_sequence(${table}, ${column}), coalesce((select max(${sql.ref(column)}) from ${sql.table(table)}), 0) + 1, false)`.execute(
      db,
    );
  }
}
