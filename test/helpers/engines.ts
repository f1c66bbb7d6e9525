import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { openStore, type KyselyCmdbStore } from '../../src/store/connect.js';

export interface EngineHarness {
  engine: 'sqlite' | 'postgres';
  /** A URL for a fresh, empty database (a new SQLite file, or a new PostgreSQL schema). */
  newDatabaseUrl(): Promise<string>;
  /** Opens a fresh, migrated store; closed and removed by `cleanup`. */
  newStore(): Promise<KyselyCmdbStore>;
  cleanup(): Promise<void>;
}

let counter = 0;

/** A harness from a way to make fresh database URLs: stores opened from them are closed at cleanup. */
function harnessOf(
  engine: EngineHarness['engine'],
  newDatabaseUrl: () => Promise<string>,
  afterClose: () => void = () => undefined,
): EngineHarness {
  const stores: KyselyCmdbStore[] = [];
  return {
    engine,
    newDatabaseUrl,
    async newStore() {
      const store = await openStore(await newDatabaseUrl());
      stores.push(store);
      return store;
    },
    async cleanup() {
      for (const s of stores.splice(0)) await s.close();
      afterClose();
    },
  };
}

/** Each database a new file in a temporary folder, removed at cleanup. */
function sqliteHarness(): EngineHarness {
  const dirs: string[] = [];
  const newDatabaseUrl = async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cairn-test-'));
    dirs.push(dir);
    return join(dir, 'cairn.db');
  };
  return harnessOf('sqlite', newDatabaseUrl, () => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
}

/** Each database a new schema in the run's PostgreSQL database (dropped with it at the end of the run). */
function postgresHarness(baseUrl: string): EngineHarness {
  return harnessOf('postgres', async () => {
    const schema = `s_${process.pid}_${Date.now().toString(36)}_${++counter}`;
    const client = new pg.Client({ connectionString: baseUrl });
    await client.connect();
    await client.query(`create schema ${schema}`);
    await client.end();
    const url = new URL(baseUrl);
    url.searchParams.set('options', `-c search_path=${schema}`);
    return url.toString();
  });
}

/** The engines every conformance suite runs on: SQLite always, PostgreSQL unless switched off. */
export function engines(): EngineHarness[] {
  const pgUrl = inject('pgUrl');
  return pgUrl ? [sqliteHarness(), postgresHarness(pgUrl)] : [sqliteHarness()];
}
