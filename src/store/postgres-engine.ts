import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import pg from 'pg';
import type { Database } from './database.js';
import { preparedNameOf } from './query-template.js';

// pg returns int8 (count(*), bigint sums) as strings; our counts fit in a double.
pg.types.setTypeParser(20, (v) => Number(v));

/** A pool of connections to a postgres:// URL. */
export function openPostgres(url: string): Kysely<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 10_000 });
  // An idle client that loses its server must not crash the process.
  pool.on('error', () => undefined);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: namedStatements(pool) }) });
}

/**
 * The pool, with the SQL of compiled query templates (query-template.ts) run as named prepared
 * statements: each connection parses and plans such a statement once and then only binds and
 * executes it. An unnamed statement is parsed and planned on every run — for a point read, as
 * much server time as the read itself (issue 14 §5). Other SQL (built per call, so of unbounded
 * variety) stays unnamed, so a connection never holds more statements than there are templates.
 */
function namedStatements(pool: pg.Pool): PostgresPool {
  const wrapped = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const wrap = (client: pg.PoolClient): PostgresPoolClient => ({
    query: ((sql: unknown, parameters?: readonly unknown[]) => {
      if (typeof sql !== 'string') return client.query(sql as pg.Submittable);
      const name = preparedNameOf(sql);
      const values = parameters as unknown[] | undefined;
      return name ? client.query({ name, text: sql, values }) : client.query(sql, values);
    }) as unknown as PostgresPoolClient['query'],
    release: (destroy) => client.release(destroy),
  });
  return {
    async connect() {
      const client = await pool.connect();
      let face = wrapped.get(client);
      // One face per client: Kysely keys its connection objects by it.
      if (!face) wrapped.set(client, (face = wrap(client)));
      return face;
    },
    end: () => pool.end(),
  };
}
