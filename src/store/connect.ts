import type BetterSqlite3 from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import type { CmdbStore, CmdbWriter } from '../core/ports/cmdb-store.port.js';
import { UnavailableError } from '../core/shared/errors.js';
import type { Engine } from './engine.js';
import { CmdbQueries } from './cmdb.queries.js';
import { CmdbWrites } from './cmdb.writer.js';
import { migrateToLatest } from './migrations/index.js';
import type { Database } from './database.js';

/** A key for PostgreSQL's advisory lock that serialises CMDB writes across processes. */
const WRITE_LOCK_KEY = 72_417_001;

export function engineOf(url: string): Engine {
  return /^postgres(ql)?:\/\//.test(url) ? 'postgres' : 'sqlite';
}

export interface StoreOptions {
  /** SQLite: checkpoint the WAL from a background thread (default). A short command does without. */
  backgroundCheckpoints?: boolean;
}

/**
 * Opens the store a `--db` value names: a `postgres://` URL, or a SQLite file path (optionally
 * `sqlite:` prefixed). Runs pending migrations before returning.
 */
export async function openStore(url: string, options: StoreOptions = {}): Promise<KyselyCmdbStore> {
  const engine = engineOf(url);
  // Each engine's driver is loaded only when a database of that engine is opened.
  const sqlite = engine === 'sqlite' ? (await import('./sqlite-engine.js')).openSqlite(url) : undefined;
  const db = sqlite?.kysely ?? (await import('./postgres-engine.js')).openPostgres(url);
  try {
    await migrateToLatest(db as Kysely<unknown>, engine);
  } catch (e) {
    await db.destroy();
    throw new UnavailableError('DATABASE_UNAVAILABLE', `cannot open database ${redact(url)}: ${(e as Error).message}`);
  }
  const store = new KyselyCmdbStore(db, engine, sqlite?.native);
  if (sqlite && sqlite.path !== ':memory:' && options.backgroundCheckpoints !== false) {
    store.onClose((await import('./sqlite-engine.js')).startCheckpointer(sqlite.path));
  }
  return store;
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
