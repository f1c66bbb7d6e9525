import pg from 'pg';
import type { TestProject } from 'vitest/node';

/**
 * Creates one PostgreSQL database for this test run and drops it afterwards. Each store under
 * test gets its own schema inside it. The server is CAIRN_TEST_PG_URL, by default the local one;
 * if it cannot be reached the run fails rather than quietly skipping the PostgreSQL suite
 * (set CAIRN_TEST_PG=off to run SQLite only, on a machine without PostgreSQL).
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  if (process.env.CAIRN_TEST_PG === 'off') {
    project.provide('pgUrl', '');
    return undefined;
  }
  const admin = process.env.CAIRN_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const name = `cairn_test_${Date.now()}_${process.pid}`;
  const client = new pg.Client({ connectionString: admin });
  try {
    await client.connect();
  } catch (e) {
    throw new Error(
      `PostgreSQL at ${admin} is not reachable (${(e as Error).message}); start it, or set CAIRN_TEST_PG=off to test SQLite only`,
    );
  }
  await client.query(`create database ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  project.provide('pgUrl', url.toString());
  return async () => {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string;
  }
}
