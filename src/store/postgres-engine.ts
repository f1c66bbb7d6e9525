import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import pg from 'pg';
import type { Database } from './database.js';
import { hasArrayRows } from './array-rows.js';
import { isCopyRows } from './copy-rows.js';
import { preparedNameOf } from './query-template.js';
import { isSentWithNext } from './sent-with-next.js';

// pg returns int8 (count(*), bigint sums) as strings; our counts fit in a double.
pg.types.setTypeParser(20, (v) => Number(v));

/** Connections a pool opens at most. */
const CONNECTIONS = 10;

/**
 * A pool of connections to a postgres:// URL. Its connections pipeline: a statement is written
 * as soon as it is issued, not when the one before it is answered, so a statement sent without
 * waiting for its answer (the write queue's savepoints) shares a round trip with the next. Code
 * that awaits each statement sees no difference.
 *
 * `keepConnections` (a server): every connection the pool opens is kept until it is closed (pg's
 * `min`), a pool of fixed size that fills as it is needed; otherwise one idle for ten seconds is
 * closed. A new connection costs its set-up, a server process whose caches are cold and its
 * statements prepared anew: a diff, which reads on two connections at once, took 50–63 ms after
 * eleven idle seconds against 17–26 ms on connections in use (100 000 CIs, issue 14); keeping
 * two of them left it at 28–45 ms, keeping them all at 16–28 ms. A server's requests come in
 * bursts; a short command, or a test opening many stores, has no use for idle connections.
 */
export function openPostgres(url: string, keepConnections = false): Kysely<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: CONNECTIONS,
    min: keepConnections ? CONNECTIONS : 0,
    connectionTimeoutMillis: 10_000,
    pipeline: true,
  });
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
      if (isCopyRows(sql)) return copyIn(client, sql, values![0] as string);
      return submit(client, sql, values, name, hasArrayRows(sql));
    };
    return {
      query: ((sql: unknown, parameters?: readonly unknown[]) => {
        if (typeof sql !== 'string') return client.query(sql as pg.Submittable);
        if (isSentWithNext(sql)) {
          if (ahead.length === 0) stream.cork();
          ahead.push(submit(client, sql).then(noFailure, (e: unknown) => ({ failed: e })));
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
 * Runs `text` with `values` on `client`, as the prepared statement `name` if given, each row an
 * array of column values if `arrayRows`. Always through pg's callback form, answered as a promise:
 *
 * - pg's own promise form (`client.query(text, values)`, no callback) left the young generation
 *   full of a result's rows at each collection, which then copied and promoted them: reading the
 *   1 000-odd versions of a diff 200 times, 8–10 MB promoted every other collection and 4.7–5.3 ms
 *   a read, against under 1 KB and 2.9–3.5 ms through the callback form (issue 14, eighteenth
 *   round). Why V8 keeps them was not found; the callback form is what `pool.query` uses.
 * - Given a config object (`{ name, text, values }`), pg copies it through its property
 *   descriptors before it builds the query: 3 µs of every templated statement, a tenth of what the
 *   driver spends on the API's GET of one CI. A query made from its text and values is not copied,
 *   and its name, which pg reads only when it sends the query, is set on it before. Rows as arrays
 *   need the config: those statements read thousands of rows.
 */
function submit(
  client: pg.PoolClient,
  text: string,
  values?: unknown[],
  name?: string,
  arrayRows = false,
): Promise<pg.QueryResult> {
  return new Promise((resolve, reject) => {
    const done = (error: Error | undefined, result: pg.QueryResult) => (error ? reject(error) : resolve(result));
    let query: pg.Query;
    if (arrayRows) {
      const config: pg.QueryArrayConfig = { text, values, rowMode: 'array' };
      query = new pg.Query(config, undefined, done);
    } else query = new pg.Query(text, values, done);
    if (name) (query as pg.Query & { name: string }).name = name;
    client.query(query);
  });
}

/**
 * Runs a `COPY … FROM STDIN` (copy-rows.ts) with `rows`, its data in COPY's text format. The
 * statement, its data and the end of its data are written together, without waiting for the
 * server to ask for the data: a pipelined connection writes the next statement as soon as it is
 * issued, and one written while the server waited for data would be taken as part of it. A COPY
 * the server refuses before it reads data (an unknown table) leaves the data behind it on the wire,
 * which the server accepts and ignores outside a COPY (as the protocol says it does); a row it
 * refuses (a unique violation) fails the statement, with the error's code, as an INSERT would.
 */
export function copyIn(client: pg.ClientBase, text: string, rows: string): Promise<pg.QueryResult> {
  return new Promise((resolve, reject) => {
    const query = new pg.Query(text, undefined, (error: Error | undefined, result: pg.QueryResult) =>
      error ? reject(error) : resolve(result),
    );
    const copy = query as unknown as CopyHandlers;
    copy.submit = (connection) => {
      const refused = querySubmit.call(copy, connection);
      if (refused) return refused;
      // One CopyData message, its text encoded once and written to the socket as it is: the
      // driver's own (sendCopyFromChunk) copies the buffer into another, and measuring the
      // text's length before writing it as text walked the text twice.
      const data = Buffer.from(rows, 'utf8');
      const header = Buffer.allocUnsafe(5);
      header[0] = COPY_DATA;
      header.writeInt32BE(4 + data.length, 1);
      connection.stream.write(header);
      connection.stream.write(data);
      connection.endCopyFrom();
      return null;
    };
    // The server asks for the data the query has already sent: nothing more to write.
    copy.handleCopyInResponse = () => undefined;
    client.query(query);
  });
}

/** The protocol's CopyData message type ('d'). */
const COPY_DATA = 0x64;

/** pg's connection as a query writes to it, and the parts of a query COPY needs (not in pg's types). */
interface CopyConnection {
  stream: { write(chunk: Buffer | string, encoding?: BufferEncoding): boolean };
  endCopyFrom(): void;
}
interface CopyHandlers {
  submit: (connection: CopyConnection) => Error | null;
  handleCopyInResponse: () => void;
}

/** pg's own Query.submit: sends the statement (here a simple query, having no parameters). */
const querySubmit = (pg.Query.prototype as unknown as CopyHandlers).submit;

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
