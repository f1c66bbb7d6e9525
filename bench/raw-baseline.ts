import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import type { CiVersion, RelationVersion } from '../src/core/ci/ci.types.js';
import { ulidIds } from '../src/core/shared/ids.js';
import { ciRow, relationRow } from '../src/store/conversion/cmdb.js';
import { copyRowObjects } from '../src/store/copy-rows.js';
import { copyIn } from '../src/store/postgres-engine.js';
import { insertRowsSqlite } from '../src/store/repositories/cmdb/insert-versions.js';
import type { BenchDatabase } from './databases.js';
import type { Estate } from './estate.js';
import { now } from './measure.js';

/** Seconds the driver alone took to insert the estate's CI rows and relationship rows. */
export interface RawTimes {
  ciSeconds: number;
  relationSeconds: number;
  relations: number;
}

const BATCH = 5000;
/** A content hash's length (SHA-256, base64url) for rows the raw baselines write without hashing them. */
export const FAKE_HASH = 'x'.repeat(43);

/**
 * The yardstick for the import figure: the same rows Cairn writes (same columns, same JSON text,
 * made by the store's own row conversion) inserted into bare tables — no indexes, no history, no
 * validation — by the driver's fastest ordinary path, in one transaction. Rows are built per batch
 * OUTSIDE the clock, so only the driver's work is timed.
 */
export async function rawInsert(db: BenchDatabase, estate: Estate): Promise<RawTimes> {
  const ids = ulidIds();
  const ciIds: string[] = [];
  const ciRows = function* () {
    for (const batch of estate.ciBatches(BATCH)) {
      yield batch.map((d) => {
        const id = ids.next('ci');
        ciIds.push(id);
        const attributes = d.attributes ?? {};
        const v: CiVersion = {
          id,
          class: d.class,
          name: d.name,
          status: d.status ?? 'active',
          attributes,
          labels: (d.labels ?? {}) as Record<string, string>,
          source: 'bench',
          revFrom: 2,
          revTo: null,
          hash: FAKE_HASH,
          attributeSources: Object.fromEntries(Object.keys(attributes).map((k) => [k, 'bench'])),
        };
        return ciRow(v);
      });
    }
  };
  let relations = 0;
  const relationRows = function* () {
    for (const batch of estate.relationBatches(BATCH)) {
      relations += batch.length;
      yield batch.map((r) => {
        const v: RelationVersion = {
          id: ids.next('rel'),
          type: r.type,
          sourceId: ciIds[estate.indexOfRef(r.from)]!,
          targetId: ciIds[estate.indexOfRef(r.to)]!,
          attributes: {},
          source: 'bench',
          revFrom: 2,
          revTo: null,
          hash: FAKE_HASH,
        };
        return relationRow(v);
      });
    }
  };
  const insert = db.engine === 'sqlite' ? sqliteInserter(db.rawUrl) : await postgresInserter(db.rawUrl);
  try {
    const ciSeconds = await insert.run('raw_ci_versions', ciRows());
    const relationSeconds = await insert.run('raw_relation_versions', relationRows());
    return { ciSeconds, relationSeconds, relations };
  } finally {
    await insert.close();
  }
}

interface Inserter {
  run(table: string, batches: Iterable<Record<string, unknown>[]>): Promise<number>;
  close(): Promise<void>;
}

/**
 * better-sqlite3: the store's own multi-row path (insertRowsSqlite: SQLITE_ROWS_PER_INSERT rows a
 * prepared INSERT, parameters by position) inside one transaction, with the same pragmas as the
 * store: the driver's fastest path (before the twenty-first round, one statement a row, the
 * store's path then too).
 */
function sqliteInserter(path: string): Inserter {
  const db = new BetterSqlite3(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('cache_size = -262144');
  return {
    async run(table, batches) {
      let cols: string[] | undefined;
      let spent = 0;
      db.exec('begin');
      for (const rows of batches) {
        if (!cols) {
          cols = Object.keys(rows[0]!);
          db.exec(`create table ${table} (${cols.join(', ')})`);
        }
        const columns = cols;
        const t = now();
        insertRowsSqlite(db, table, columns, rows.length, (i, values) => {
          const row = rows[i]!;
          for (let c = 0; c < columns.length; c++) values[c] = row[columns[c]!];
        });
        spent += now() - t;
      }
      const t = now();
      db.exec('commit');
      return (spent + now() - t) / 1000;
    },
    async close() {
      db.close();
    },
  };
}

/**
 * pg: one COPY … FROM STDIN per batch, inside one transaction, as the store inserts versions
 * (copy-rows.ts); each batch's text is made outside the clock, as the rows are.
 */
async function postgresInserter(url: string): Promise<Inserter> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    async run(table, batches) {
      const source = table.replace(/^raw_/, '');
      await client.query(`create table ${table} (like ${source})`);
      let spent = 0;
      await client.query('begin');
      for (const rows of batches) {
        const { sql: text, parameters } = copyRowObjects(table, Object.keys(rows[0]!), rows);
        const t = now();
        await copyIn(client, text, parameters[0] as string);
        spent += now() - t;
      }
      const t = now();
      await client.query('commit');
      spent += now() - t;
      await client.query(`drop table ${table}`);
      return spent / 1000;
    },
    async close() {
      await client.end();
    },
  };
}
