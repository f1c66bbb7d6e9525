import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import type { CiRef } from '../src/core/ci/desired-state.js';
import type { BenchDatabase } from './databases.js';
import { sample, type Latency } from './measure.js';

/**
 * The same current-version read as `getCisByRef` of one CI (every column of the row with this
 * class and name and no end), by the driver alone on a connection of its own: SQLite a prepared
 * statement's `get`, PostgreSQL a named prepared statement on one client. It is the floor a point
 * read through Cairn's store can reach on this machine, measured in the same run, so that the
 * store's p95 is read against it and not only against the design's fixed 0.1 ms.
 */
export async function rawPointReads(db: BenchDatabase, n: number, ref: (k: number) => CiRef): Promise<Latency> {
  const sql = 'select * from ci_versions where class = $1 and name = $2 and rev_to is null';
  if (db.engine === 'sqlite') {
    const conn = new BetterSqlite3(db.url, { readonly: true });
    try {
      const statement = conn.prepare(sql.replace(/\$\d/g, '?'));
      return await sample(n, async (k) => {
        const r = ref(k);
        return statement.get(r.class, r.name);
      });
    } finally {
      conn.close();
    }
  }
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    return await sample(n, (k) => {
      const r = ref(k);
      return client.query({ name: 'bench_point_read', text: sql, values: [r.class, r.name] });
    });
  } finally {
    await client.end();
  }
}
