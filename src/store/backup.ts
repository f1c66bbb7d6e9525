import BetterSqlite3 from 'better-sqlite3';
import { copyFile, rename, rm, stat } from 'node:fs/promises';
import { ConflictError, InputError } from '../core/shared/errors.js';
import { engineOf, openStore, redactUrl, type KyselyCmdbStore } from './connect.js';
import { copyDatabase, countRows, type CopyProgress } from './copy/copy-database.js';
import { COPY_STATE_TABLE, listTables, type AnyDb } from './copy/introspect.js';
import { sqlitePathOf } from './sqlite-engine.js';

/**
 * A Cairn backup is a SQLite database file holding every table, history included, as of one
 * moment: the same file whichever engine it was taken from, so that it can be opened, checked
 * with `cairn audit verify --db FILE`, and restored into either engine.
 */

export interface BackupProgress {
  done: number;
  total: number;
  /** What is being copied: `pages` (SQLite's backup API) or a table's rows (from PostgreSQL). */
  unit: string;
}

/**
 * Writes a consistent online backup of the database at `fromUrl` to `file`, which must not exist.
 * SQLite: the online backup API, copying every remaining page in one step after the first, so that
 * the copy is one read snapshot and writers (WAL mode) are never blocked. PostgreSQL: every table
 * read in one REPEATABLE READ snapshot into a new SQLite file. The file appears under its name
 * only once complete: an interrupted backup leaves no file that looks like a backup.
 */
export async function backupDatabase<T>(
  fromUrl: string,
  file: string,
  check: (copy: KyselyCmdbStore, tables: TableRows[]) => Promise<T>,
  onProgress?: (p: BackupProgress) => void,
): Promise<T> {
  if (await exists(file))
    throw new ConflictError('BACKUP_FILE_EXISTS', `${file} already exists: a backup never overwrites a file`);
  const partial = `${file}.partial`;
  await removeSqliteFile(partial);
  try {
    if (engineOf(fromUrl) === 'sqlite') await backupSqlite(sqlitePathOf(fromUrl), partial, onProgress);
    else {
      const { target } = await copyDatabase(fromUrl, partial, (p: CopyProgress) =>
        onProgress?.({ done: p.done, total: p.total, unit: `rows (${p.table})` }),
      );
      await target.kysely.schema.dropTable(COPY_STATE_TABLE).execute();
      await target.close();
    }
    const copy = await openStore(partial, { backgroundCheckpoints: false });
    let checked: T;
    try {
      checked = await check(copy, await tableRows(copy));
    } finally {
      await copy.close();
    }
    asOneFile(partial);
    await rename(partial, file);
    return checked;
  } catch (e) {
    await removeSqliteFile(partial);
    throw e;
  }
}

/** Folds the write-ahead log into the file and stops using one: a backup is a single file to keep. */
function asOneFile(path: string): void {
  const db = new BetterSqlite3(path);
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
}

async function removeSqliteFile(path: string): Promise<void> {
  for (const suffix of ['', '-wal', '-shm', '-journal']) await rm(`${path}${suffix}`, { force: true });
}

export interface TableRows {
  table: string;
  rows: number;
}

/** How many rows each data table of a store holds. */
async function tableRows(store: KyselyCmdbStore): Promise<TableRows[]> {
  const db = store.kysely as AnyDb;
  const out: TableRows[] = [];
  for (const t of await listTables(db, store.engine)) out.push({ table: t.name, rows: await countRows(db, t.name) });
  return out;
}

async function backupSqlite(path: string, to: string, onProgress?: (p: BackupProgress) => void): Promise<void> {
  const source = openCairnFile(path, 'BACKUP_SOURCE_INVALID', 'database');
  try {
    await source.backup(to, {
      progress: ({ totalPages, remainingPages }) => {
        onProgress?.({ done: totalPages - remainingPages, total: totalPages, unit: 'pages' });
        // Every page in one step (the largest count the driver takes): one step is one read
        // transaction, hence one consistent snapshot, and a write meanwhile cannot make it restart.
        return 0x7fffffff;
      },
    });
  } finally {
    source.close();
  }
}

/**
 * Restores the backup `file` into the database at `toUrl`, which must be empty (a new SQLite file
 * or an empty PostgreSQL schema). The backup is read from a temporary copy, so that bringing an
 * older backup up to this version's schema never changes the backup itself. Returns the target,
 * open, for the caller to verify.
 */
export async function restoreDatabase(
  file: string,
  toUrl: string,
  onProgress?: (p: CopyProgress) => void,
): Promise<{ target: KyselyCmdbStore; countsMatch: boolean; tables: TableRows[] }> {
  openCairnFile(file, 'BACKUP_FILE_INVALID', 'backup').close();
  const scratch = `${file}.restoring-${process.pid}`;
  await copyFile(file, scratch);
  try {
    const { target, tables, countsMatch } = await copyDatabase(scratch, toUrl, onProgress).catch((e: unknown) => {
      if (e instanceof ConflictError && e.code === 'MIGRATE_TARGET_NOT_EMPTY')
        throw new ConflictError(
          'RESTORE_TARGET_NOT_EMPTY',
          `${redactUrl(toUrl)} already holds data: restore into a new SQLite file or an empty PostgreSQL database`,
        );
      throw e;
    });
    await target.kysely.schema.dropTable(COPY_STATE_TABLE).execute();
    return { target, countsMatch, tables: tables.map((t) => ({ table: t.table, rows: t.target })) };
  } finally {
    await removeSqliteFile(scratch);
  }
}

/** Opens a SQLite file read-only and checks that Cairn wrote it (it has Cairn's migrations). */
function openCairnFile(
  path: string,
  code: 'BACKUP_FILE_INVALID' | 'BACKUP_SOURCE_INVALID',
  what: 'backup' | 'database',
): BetterSqlite3.Database {
  let db: BetterSqlite3.Database;
  try {
    db = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw new InputError(code, `cannot open ${what} ${path}: ${(e as Error).message}`);
  }
  try {
    const found = db.prepare("select 1 from sqlite_master where type = 'table' and name = 'cairn_migrations'").get();
    if (!found) throw new InputError(code, `${path} is not a Cairn ${what} (it has no Cairn tables)`);
  } catch (e) {
    db.close();
    if (e instanceof InputError) throw e;
    throw new InputError(code, `${path} is not a Cairn ${what}: ${(e as Error).message}`);
  }
  return db;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
