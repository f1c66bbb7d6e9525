import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, type SqliteDatabase } from 'kysely';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { UnavailableError } from '../core/shared/errors.js';
import { packageRoot } from '../package-info.js';
import type { CheckpointSettings } from './checkpoint.worker.js';
import type { Database } from './database.js';
import { SQLITE_CACHE_KIB } from './sqlite-cache.js';

export interface SqliteEngine {
  kysely: Kysely<Database>;
  native: BetterSqlite3.Database;
  path: string;
}

/** Opens a SQLite file (`path` or `sqlite:path`) in WAL mode, tuned for one writer and many readers. */
export function openSqlite(url: string): SqliteEngine {
  const path = sqlitePathOf(url);
  let database: BetterSqlite3.Database;
  try {
    database = new BetterSqlite3(path, { timeout: 15_000 });
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    database.pragma(`cache_size = -${SQLITE_CACHE_KIB}`);
    database.pragma('temp_store = MEMORY');
    // Automatic checkpoints only as a backstop: the commit that crosses the threshold pays for
    // copying the WAL back (milliseconds: the p99 of a single change). A background thread with
    // its own connection checkpoints long before that (startCheckpointer).
    database.pragma('wal_autocheckpoint = 131072');
    // The WAL file keeps the size of the largest transaction since it was last truncated: after a
    // one-transaction import it held as much again as the database (file + WAL 546 MiB instead
    // of 287 at 100 000 CIs). SQLite truncates it to this at the first commit after a checkpoint
    // has copied it back.
    database.pragma(`journal_size_limit = ${WAL_KEPT_BYTES}`);
  } catch (e) {
    throw new UnavailableError('DATABASE_UNAVAILABLE', `cannot open database ${path}: ${(e as Error).message}`);
  }
  return {
    kysely: new Kysely<Database>({ dialect: new SqliteDialect({ database: cachingStatements(database) }) }),
    native: database,
    path,
  };
}

/** The file a SQLite `--db` value names: `path`, `sqlite:path` or `sqlite://path`. */
export function sqlitePathOf(url: string): string {
  return url.replace(/^sqlite:(\/\/)?/, '');
}

/** Bytes of WAL file kept once a checkpoint has emptied it (SQLite's journal_size_limit). */
const WAL_KEPT_BYTES = 64 * 2 ** 20;

/** Prepared statements kept per SQL text; more distinct texts than this are rare and let go. */
const STATEMENT_CACHE = 500;

/**
 * better-sqlite3 behind Kysely prepares every query anew, which costs as much as running a point
 * read. Kysely's SQLite driver has a single connection behind a mutex, so a cached statement is
 * never run twice at once (a stream holds the connection until it ends).
 */
function cachingStatements(database: BetterSqlite3.Database): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => void database.close(),
    prepare: (text: string) => {
      let stmt = cache.get(text);
      if (!stmt) {
        stmt = database.prepare(text);
        if (cache.size >= STATEMENT_CACHE) cache.delete(cache.keys().next().value!);
        cache.set(text, stmt);
      }
      return stmt;
    },
  };
}

/** How often the background checkpoint runs, and the WAL size (bytes) past which it truncates. */
const CHECKPOINT_EVERY_MS = 1000;
const WAL_TRUNCATE_BYTES = 512 * 2 ** 20;

/**
 * Checkpoints the WAL from a worker thread with its own connection (checkpoint.worker.ts), so
 * that commits never pay for a checkpoint. For long-lived processes (a server, an import); a
 * short command leaves it to SQLite, which checkpoints when the last connection closes.
 * Returns a stop function.
 */
export function startCheckpointer(path: string): () => Promise<void> {
  const settings: CheckpointSettings = { path, every: CHECKPOINT_EVERY_MS, truncate: WAL_TRUNCATE_BYTES };
  const worker = new Worker(checkpointWorkerFile(), { workerData: settings });
  worker.unref();
  worker.on('error', () => undefined);
  // Listened for from the start: a worker that already died (its file missing, a crash) has
  // exited before `stop`, and waiting for an exit still to come would never end.
  const exited = new Promise((resolve) => worker.once('exit', resolve));
  return async () => {
    // Referenced again while stopping: otherwise a process with nothing else to do exits
    // before the final checkpoint, leaving `close()` unresolved.
    worker.ref();
    worker.postMessage('stop');
    await exited;
  };
}

/**
 * The compiled worker beside this module (dist/src/store, or the CLI bundle's dist/cli). Tests
 * run this module from its TypeScript source, where no .js sits beside it: they use the build's.
 */
function checkpointWorkerFile(): string {
  const beside = fileURLToPath(new URL('./checkpoint.worker.js', import.meta.url));
  return existsSync(beside) ? beside : join(packageRoot(), 'dist', 'src', 'store', 'checkpoint.worker.js');
}
