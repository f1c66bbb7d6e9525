import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Engine } from '../src/store/engine.js';

/** A scratch database for one engine's run: created empty, measured, then removed. */
export interface BenchDatabase {
  engine: Engine;
  /** What `openStore` takes. */
  url: string;
  /** Where the raw-insert baseline writes (a second SQLite file; the same PostgreSQL database). */
  rawUrl: string;
  /** Bytes on disk: SQLite main file + WAL; PostgreSQL pg_database_size. */
  sizeOnDisk(): Promise<number>;
  drop(): Promise<void>;
}

export const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/test';

export function sqliteDatabase(): BenchDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'cairn-bench-'));
  const url = join(dir, 'cairn.db');
  const fileSize = (path: string) => {
    try {
      return statSync(path).size;
    } catch {
      return 0;
    }
  };
  return {
    engine: 'sqlite',
    url,
    rawUrl: join(dir, 'raw.db'),
    sizeOnDisk: async () => fileSize(url) + fileSize(`${url}-wal`),
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A database of its own on the server (`cairn_bench_<pid>`), dropped at the end. */
export async function postgresDatabase(adminUrl: string): Promise<BenchDatabase> {
  const name = `cairn_bench_${process.pid}`;
  const admin = async <T>(work: (c: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  await admin(async (c) => {
    await c.query(`drop database if exists ${name} with (force)`);
    await c.query(`create database ${name}`);
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    engine: 'postgres',
    url: url.toString(),
    rawUrl: url.toString(),
    sizeOnDisk: () =>
      admin(async (c) => Number((await c.query<{ n: string }>('select pg_database_size($1) as n', [name])).rows[0]!.n)),
    drop: () => admin(async (c) => void (await c.query(`drop database if exists ${name} with (force)`))),
  };
}
