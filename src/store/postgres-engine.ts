import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import pg from 'pg';
import type { Database } from './database.js';
import { hasArrayRows } from './array-rows.js';
import { preparedNameOf } from './query-template.js';
import { isSentWithNext } from './sent-with-next.js';

// pg returns int8 (count(*), bigint sums) as strings; our counts fit in a double.
pg.types.setTypeParser(20, (v) => Number(v));

/**
 * A pool of connections to a postgres:// URL. Its connections pipeline: a statement is written
 * as soon as it is issued, not when the one before it is answered, so a statement sent without
 * waiting for its answer (the write queue's savepoints) shares a round trip with the next. Code
 * that awaits each statement sees no difference.
 */
export function openPostgres(url: string): Kysely<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 10_000, pipeline: true });
  // An idle client that loses its server must not crash the process.
  pool.on('error', () => undefined);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: namedStatements(pool) }) });
}

/** What a statement sent ahead ended in: undefined, or its error. */
type Ahead = Promise<{ failed: unknown } | undefined>;

/**
 * The pool, with the SQL of compiled query templates (query-template.ts) run as named prepared
 * statements: each connection parses and plans such a statement once and then only binds and
 * executes it. An unnamed statement is parsed and planned on every run — for a point read, as
 * much server time as the read itself (issue 14 §5). Other SQL (built per call, so of unbounded
 * variety) stays unnamed, so a connection never holds more statements than there are templates.
 */
function namedStatements(pool: pg.Pool): PostgresPool {
  const wrapped = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const wrap = (client: pg.PoolClient): PostgresPoolClient => {
    let ahead: Ahead[] = [];
    // Statements sent ahead wait in the socket until the one they go with is written: all of them
    // leave in one write. A write to a loopback socket also runs the server's side of receiving
    // it: with 8 writers, a write per statement took a quarter of the client's busy CPU (issue 14).
    const { stream } = client.connection;
    const send = (sql: string, parameters?: readonly unknown[]) => {
      const name = preparedNameOf(sql);
      const values = parameters as unknown[] | undefined;
      if (hasArrayRows(sql)) return client.query({ name, text: sql, values, rowMode: 'array' });
      return name ? namedQuery(client, name, sql, values) : client.query(sql, values);
    };
    return {
      query: ((sql: unknown, parameters?: readonly unknown[]) => {
        if (typeof sql !== 'string') return client.query(sql as pg.Submittable);
        if (isSentWithNext(sql)) {
          if (ahead.length === 0) stream.cork();
          ahead.push(client.query(sql).then(noFailure, (e: unknown) => ({ failed: e })));
          return Promise.resolve({ command: 'SENT', rowCount: 0, rows: [] });
        }
        if (ahead.length === 0) return send(sql, parameters);
        const before = ahead;
        ahead = [];
        const sent = send(sql, parameters);
        stream.uncork();
        return afterAhead(before, sent);
      }) as unknown as PostgresPoolClient['query'],
      release: (destroy) => {
        // A statement sent ahead and never followed (its caller failed first): a connection that
        // may be in a transaction nobody ends does not go back to the pool.
        const stale = ahead.length > 0;
        if (stale) stream.uncork();
        ahead = [];
        client.release(destroy ?? stale);
      },
    };
  };
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

const noFailure = () => undefined;

/**
 * Runs the named prepared statement `name` (its SQL `text`). Given a config object
 * (`{ name, text, values }`), pg copies it through its property descriptors before it builds the
 * query: 3 µs of every templated statement, a tenth of what the driver spends on the API's GET of
 * one CI (issue 14). A query made from its text and values is not copied; the name, which pg
 * reads only when it sends the query, is set on it before.
 */
function namedQuery(
  client: pg.PoolClient,
  name: string,
  text: string,
  values: unknown[] | undefined,
): Promise<pg.QueryResult> {
  return new Promise((resolve, reject) => {
    const query = new pg.Query(text, values, (error, result) => (error ? reject(error) : resolve(result)));
    (query as pg.Query & { name: string }).name = name;
    client.query(query);
  });
}

/** `result`, once the statements sent ahead of it are answered: the first of their errors wins. */
async function afterAhead<T>(ahead: Ahead[], result: Promise<T>): Promise<T> {
  const outcome = await result.then(
    (value) => ({ value }),
    (e: unknown) => ({ failed: e }),
  );
  for (const a of await Promise.all(ahead)) if (a) throw a.failed;
  if ('failed' in outcome) throw outcome.failed;
  return outcome.value;
}
