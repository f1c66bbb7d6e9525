import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
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
  const db = engine === 'postgres' ? openPostgres(url) : openSqlite(url);
  try {
    await migrateToLatest(db as Kysely<unknown>, engine);
  } catch (e) {
    await db.destroy();
    throw new DatabaseUnavailableError(`cannot open database ${redact(url)}: ${(e as Error).message}`);
  }
  return new KyselyCmdbStore(db, engine);
}

function openSqlite(url: string): Kysely<Database> {
  const path = url.replace(/^sqlite:(\/\/)?/, '');
  let database: BetterSqlite3.Database;
  try {
    database = new BetterSqlite3(path, { timeout: 15_000 });
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    database.pragma('cache_size = -262144');
    database.pragma('temp_store = MEMORY');
    // Checkpoint in larger steps than the default 1 000 pages so commits rarely pay for one.
    database.pragma('wal_autocheckpoint = 10000');
  } catch (e) {
    throw new DatabaseUnavailableError(`cannot open database ${path}: ${(e as Error).message}`);
  }
  return new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
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
  constructor(
    readonly kysely: Kysely<Database>,
    engine: Engine,
  ) {
    super(kysely, engine);
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
        const result = await work(new CmdbWrites(conn, this.engine));
        await sql`commit`.execute(conn);
        return result;
      } catch (e) {
        await sql`rollback`.execute(conn);
        throw e;
      }
    });
  }

  async close(): Promise<void> {
    await this.kysely.destroy();
  }
}
