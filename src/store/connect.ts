import type { Kysely } from 'kysely';
import { UnavailableError } from '../core/shared/errors.js';
import type { Engine } from './engine.js';
import { migrateToLatest } from './migrations/index.js';
import { KyselyCmdbStore } from './repositories/cmdb/cmdb.store.js';

export { KyselyCmdbStore };

export function engineOf(url: string): Engine {
  return /^postgres(ql)?:\/\//.test(url) ? 'postgres' : 'sqlite';
}

export interface StoreOptions {
  /** SQLite: checkpoint the WAL from a background thread (default). A short command does without. */
  backgroundCheckpoints?: boolean;
  /** PostgreSQL: keep every connection opened until the store closes (a server; postgres-engine.ts). */
  keepConnections?: boolean;
}

/**
 * Opens the store a `--db` value names: a `postgres://` URL, or a SQLite file path (optionally
 * `sqlite:` prefixed). Runs pending migrations before returning.
 */
export async function openStore(url: string, options: StoreOptions = {}): Promise<KyselyCmdbStore> {
  const engine = engineOf(url);
  // Each engine's driver is loaded only when a database of that engine is opened.
  const sqlite = engine === 'sqlite' ? (await import('./sqlite-engine.js')).openSqlite(url) : undefined;
  const db = sqlite?.kysely ?? (await import('./postgres-engine.js')).openPostgres(url, options.keepConnections);
  try {
    await migrateToLatest(db as Kysely<unknown>, engine);
  } catch (e) {
    await db.destroy();
    throw new UnavailableError(
      'DATABASE_UNAVAILABLE',
      `cannot open database ${redactUrl(url)}: ${(e as Error).message}`,
    );
  }
  const store = new KyselyCmdbStore(db, engine, sqlite?.native);
  if (sqlite && sqlite.path !== ':memory:' && options.backgroundCheckpoints !== false) {
    store.onClose((await import('./sqlite-engine.js')).startCheckpointer(sqlite.path));
  }
  return store;
}

/** The URL with its password masked, for messages. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
