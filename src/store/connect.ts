import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type SqliteDatabase } from 'kysely';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import type { CmdbStore, CmdbWriter } from '../core/ports/cmdb-store.port.js';
import type { Engine } from './engine.js';
import { CmdbQueries } from './cmdb.queries.js';
import { CmdbWrites } from './cmdb.writer.js';
import { migrateToLatest } from './migrations/index.js';
import type { Database } from './schema.js';

/** Raised when a database cannot be opened or reached; the CLI exits 2 on it. */
export class DatabaseUnavailableError extends Error {}

// pg returns int8 (count(*), bigint sums) as strings; our counts fit in a double.
pg.types.setTypeParser(20, (v) => Number(v));

/** A key for PostgreSQL's advisory lock that serialises CMDB writes across processes. */
const WRITE_LOCK_KEY = 72_417_001;

export function engineOf(url: string): Engine {
  return /^postgres(ql)?:\/\//.test(url) ? 'postgres' : 'sqlite';
}

/**
 * Opens the store a `--db` value names: a `postgres://` URL, or a SQLite file path (optionally
 * `sqlite:` prefixed). Runs pending migrations before returning.
 */
export async function openStore(url: string): Promise<KyselyCmdbStore> {
  const engine = engineOf(url);
  const sqlite = engine === 'sqlite' ? openSqlite(url) : undefined;
  const db = sqlite?.kysely ?? openPostgres(url);
  try {
    await migrateToLatest(db as Kysely<unknown>, engine);
  } catch (e) {
    await db.destroy();
    throw new DatabaseUnavailableError(`cannot open database ${redact(url)}: ${(e as Error).message}`);
  }
  const store = new KyselyCmdbStore(db, engine, sqlite?.native);
  if (sqlite && sqlite.path !== ':memory:') store.onClose(startCheckpointer(sqlite.path));
  return store;
}

function openSqlite(url: string): { kysely: Kysely<Database>; native: BetterSqlite3.Database; path: string } {
  const path = url.replace(/^sqlite:(\/\/)?/, '');
  let database: BetterSqlite3.Database;
  try {
    database = new BetterSqlite3(path, { timeout: 15_000 });
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    database.pragma('cache_size = -262144');
    database.pragma('temp_store = MEMORY');
    // Automatic checkpoints only as a backstop: the commit that crosses the threshold pays for
    // copying the WAL back (milliseconds: the p99 of a single change). A background thread with
    // its own connection checkpoints long before that (startCheckpointer).
    database.pragma('wal_autocheckpoint = 131072');
  } catch (e) {
    throw new DatabaseUnavailableError(`cannot open database ${path}: ${(e as Error).message}`);
  }
  return { kysely: new Kysely<Database>({ dialect: new SqliteDialect({ database: cachingStatements(database) }) }), native: database, path };
}

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
 * Checkpoints the WAL from a worker thread with its own connection: PASSIVE never waits for or
 * blocks the writer, so commits never pay for a checkpoint; a WAL that grew past
 * WAL_TRUNCATE_BYTES is truncated once no reader needs it. Returns a stop function.
 */
function startCheckpointer(path: string): () => Promise<void> {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const code = `
    const { workerData, parentPort } = require('node:worker_threads');
    const fs = require('node:fs');
    const Database = require(workerData.driver);
    const db = new Database(workerData.path, { timeout: 0 });
    const tick = () => {
      try {
        let wal = 0;
        try { wal = fs.statSync(workerData.path + '-wal').size; } catch {}
        if (wal > 0) db.pragma(wal > workerData.truncate ? 'wal_checkpoint(TRUNCATE)' : 'wal_checkpoint(PASSIVE)');
      } catch {}
    };
    const timer = setInterval(tick, workerData.every);
    parentPort.on('message', () => { clearInterval(timer); tick(); db.close(); parentPort.close(); });
  `;
  const worker = new Worker(code, { eval: true, workerData: { driver, path, every: CHECKPOINT_EVERY_MS, truncate: WAL_TRUNCATE_BYTES } });
  worker.unref();
  worker.on('error', () => undefined);
  return async () => {
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    // Referenced again while stopping: otherwise a process with nothing else to do exits
    // before the final checkpoint, leaving `close()` unresolved.
    worker.ref();
    worker.postMessage('stop');
    await exited;
  };
}

function openPostgres(url: string): Kysely<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 10_000 });
  // An idle client that loses its server must not crash the process.
  pool.on('error', () => undefined);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

export class KyselyCmdbStore extends CmdbQueries implements CmdbStore {
  private readonly closers: (() => Promise<void>)[] = [];

  constructor(
    readonly kysely: Kysely<Database>,
    engine: Engine,
    /** SQLite only: the driver's handle, for bulk inserts through one prepared statement. */
    private readonly native?: BetterSqlite3.Database,
  ) {
    super(kysely, engine);
  }

  /** Runs `stop` when the store closes (background work tied to this store). */
  onClose(stop: () => Promise<void>): void {
    this.closers.push(stop);
  }

  async write<T>(work: (tx: CmdbWriter) => Promise<T>): Promise<T> {
    return this.kysely.connection().execute(async (conn) => {
      // SQLite: IMMEDIATE takes the write lock at BEGIN, so two processes queue on the busy
      // timeout instead of failing when a deferred transaction tries to upgrade.
      // PostgreSQL: a transaction-scoped advisory lock serialises writers across processes.
      if (this.engine === 'sqlite') await sql`begin immediate`.execute(conn);
      else {
        await sql`begin`.execute(conn);
        await sql`select pg_advisory_xact_lock(${WRITE_LOCK_KEY})`.execute(conn);
      }
      try {
        const result = await work(new CmdbWrites(conn, this.engine, this.native));
        await sql`commit`.execute(conn);
        return result;
      } catch (e) {
        await sql`rollback`.execute(conn);
        throw e;
      }
    });
  }

  async close(): Promise<void> {
    for (const stop of this.closers.splice(0)) await stop();
    await this.kysely.destroy();
  }
}
