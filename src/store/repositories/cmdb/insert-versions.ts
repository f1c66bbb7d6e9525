import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { convertError } from '../../conversion/errors.js';
import type { Database } from '../../database.js';
import type { Engine } from '../../engine.js';
import { chunks } from '../batching.js';
import { copyRows, copyRowText } from '../../copy-rows.js';
import { sqliteStatement } from './sqlite-statements.js';

/** Rows per multi-row INSERT: 10 columns × 1 000 rows stays under both engines' parameter limits. */
export const INSERT_CHUNK = 1000;

/**
 * Rows per COPY on PostgreSQL: its text (about 2 MB for 5 000 CI versions) is built and sent
 * whole, so this bounds what one statement holds in memory on either side.
 */
const COPY_CHUNK = 5000;

/** Where a bulk insert runs: a write transaction's connection and, on SQLite, its driver handle. */
export interface BulkTarget {
  db: Kysely<Database>;
  engine: Engine;
  /** SQLite: the driver handle of the connection the transaction runs on. */
  native?: BetterSqlite3.Database;
  /**
   * A write transaction's own connection (CmdbTransaction), which it holds until it ends: on
   * SQLite its statements may run on the driver directly, without Kysely (QueryTemplate.runOn).
   */
  writing?: boolean;
}

/**
 * How a version becomes a row of its table: the columns, the values written in that order into a
 * reused array (SQLite's parameters, a line of PostgreSQL's COPY), and the row object (SQLite
 * through Kysely).
 */
export interface VersionColumns<V> {
  columns: readonly string[];
  fill: (version: V, values: unknown[]) => void;
  row: (version: V) => Record<string, unknown>;
}

/**
 * Rows per INSERT on SQLite: one statement binds this many rows' values (11 columns: 550
 * parameters, far below SQLite's limit), so the driver's call, the statement's reset and its
 * program's start are paid once for them rather than once a row. 100 000 CI versions into an
 * indexed table in memory: 0.51–0.76 s against 0.83–1.37 s a row at a time (issue 14).
 */
export const SQLITE_ROWS_PER_INSERT = 50;

/**
 * Inserts versions by the fastest path each engine has, inside the open transaction. Each
 * version's values go straight into a reused array, with no row object per version in between
 * (and no look-up of each column by name per row); an import writes one per record (issue 14):
 * - SQLite: the array is a prepared statement's parameters (by position), SQLITE_ROWS_PER_INSERT
 *   rows a statement, run on the transaction's connection, which skips Kysely compiling a
 *   10 000-parameter statement per chunk;
 * - PostgreSQL: the array becomes a line of a COPY … FROM STDIN, one per 5 000 rows
 *   (copy-rows.ts).
 * Unique violations become ConflictError (`what` already exists).
 */
export async function insertVersionsOf<V>(
  target: BulkTarget,
  table: 'ci_versions' | 'relation_versions',
  versions: readonly V[],
  shape: VersionColumns<V>,
  what: string,
): Promise<void> {
  if (versions.length === 0) return;
  const { engine, native, db } = target;
  const { columns } = shape;
  try {
    if (engine === 'sqlite' && native)
      insertRowsSqlite(native, table, columns, versions.length, (i, row) => shape.fill(versions[i]!, row));
    else if (engine === 'postgres') {
      const values: unknown[] = new Array<unknown>(columns.length);
      for (let start = 0; start < versions.length; start += COPY_CHUNK) {
        let text = '';
        for (let i = start; i < Math.min(start + COPY_CHUNK, versions.length); i++) {
          shape.fill(versions[i]!, values);
          text += copyRowText(values);
        }
        await db.executeQuery(copyRows(table, columns, text));
      }
    } else
      for (const part of chunks(versions.map(shape.row), INSERT_CHUNK))
        await db
          .insertInto(table)
          .values(part as never)
          .execute();
  } catch (e) {
    convertError(e, what);
  }
}

/**
 * SQLite: `count` rows inserted SQLITE_ROWS_PER_INSERT a statement, the rest one at a time, on
 * the driver; `fill(i, values)` writes the i-th row's values into `values` in the order of
 * `columns`. Also the bench's raw baseline and floor: the driver's fastest path.
 */
export function insertRowsSqlite(
  native: BetterSqlite3.Database,
  table: string,
  columns: readonly string[],
  count: number,
  fill: (i: number, values: unknown[]) => void,
): void {
  const width = columns.length;
  const row = `(${columns.map(() => '?').join(', ')})`;
  const insert = `insert into ${table} (${columns.join(', ')}) values `;
  const values: unknown[] = new Array<unknown>(width);
  let i = 0;
  if (count >= SQLITE_ROWS_PER_INSERT) {
    const many = sqliteStatement(native, insert + new Array<string>(SQLITE_ROWS_PER_INSERT).fill(row).join(', '));
    const rows: unknown[] = new Array<unknown>(width * SQLITE_ROWS_PER_INSERT);
    for (; i + SQLITE_ROWS_PER_INSERT <= count; i += SQLITE_ROWS_PER_INSERT) {
      for (let r = 0; r < SQLITE_ROWS_PER_INSERT; r++) {
        fill(i + r, values);
        for (let c = 0; c < width; c++) rows[r * width + c] = values[c];
      }
      many.run(rows);
    }
  }
  const one = sqliteStatement(native, insert + row);
  for (; i < count; i++) {
    fill(i, values);
    one.run(values);
  }
}
