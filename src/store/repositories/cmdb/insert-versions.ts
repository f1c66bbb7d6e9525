import type BetterSqlite3 from 'better-sqlite3';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { convertError } from '../../conversion/errors.js';
import type { Database } from '../../database.js';
import type { Engine } from '../../engine.js';
import { chunks } from '../batching.js';
import { sqliteStatement } from './sqlite-statements.js';

/** Rows per multi-row INSERT: 10 columns × 1 000 rows stays under both engines' parameter limits. */
export const INSERT_CHUNK = 1000;

/** Rows per unnest INSERT on PostgreSQL: one parameter per column, whatever the row count. */
const UNNEST_CHUNK = 5000;

/** PostgreSQL array types of the version tables' columns, for INSERT … SELECT FROM unnest. */
const PG_ARRAY_TYPES: Record<string, string> = {
  id: 'text[]',
  rev_from: 'int4[]',
  rev_to: 'int4[]',
  class: 'text[]',
  name: 'text[]',
  status: 'text[]',
  type: 'text[]',
  source_id: 'text[]',
  target_id: 'text[]',
  source: 'text[]',
  hash: 'text[]',
  attributes: 'jsonb[]',
  labels: 'jsonb[]',
  attribute_sources: 'jsonb[]',
};

/**
 * PostgreSQL: the column list of version rows and one typed array per column, for
 * `INSERT … (columns) SELECT * FROM unnest(arrays)`. Every column must be in PG_ARRAY_TYPES.
 */
export function unnestArrays(rows: Record<string, unknown>[]): {
  columns: RawBuilder<unknown>;
  arrays: RawBuilder<unknown>;
} {
  const cols = Object.keys(rows[0]!);
  const typeOf = (c: string) => {
    const type = PG_ARRAY_TYPES[c];
    if (!type) throw new Error(`no PostgreSQL array type for version column ${c}`);
    return type;
  };
  return {
    columns: sql.join(cols.map((c) => sql.ref(c))),
    arrays: sql.join(
      cols.map((c) => {
        const values = rows.map((r) => r[c]);
        const type = typeOf(c);
        return type === 'jsonb[]' ? jsonbArray(values) : sql`${values}::${sql.raw(type)}`;
      }),
    ),
  };
}

/**
 * A jsonb[] of the rows' JSON texts (attributes, labels), sent as ONE JSON list and split by the
 * server, not as an array literal: the pg driver quotes and escapes every element of an array
 * (each quote of every attribute), which took half the client CPU of inserting a CI row; the list
 * is the texts joined with commas, and the server parses each element as it would the literal's
 * (issue 14: the PostgreSQL import is bound by its process). Anything but JSON text (a null)
 * goes as an array.
 */
function jsonbArray(values: unknown[]): RawBuilder<unknown> {
  for (const v of values) if (typeof v !== 'string') return sql`${values}::jsonb[]`;
  const list = `[${(values as string[]).join(',')}]`;
  return sql`(select array_agg(e order by o) from jsonb_array_elements(${list}::jsonb) with ordinality as t (e, o))`;
}

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
 * Inserts version rows by the fastest path each engine has, inside the open transaction:
 * SQLite, one prepared statement run per row (parameters by position) on the same connection, which skips
 * Kysely compiling a 10 000-parameter statement per chunk; PostgreSQL, one INSERT … SELECT
 * FROM unnest(arrays) per 5 000 rows. Falls back to multi-row INSERTs for a column whose
 * type is not listed. Unique violations become ConflictError (`what` already exists).
 */
export async function insertVersions(
  target: BulkTarget,
  table: 'ci_versions' | 'relation_versions',
  rows: Record<string, unknown>[],
  what: string,
): Promise<void> {
  const { db, engine, native } = target;
  const cols = Object.keys(rows[0]!);
  try {
    if (engine === 'sqlite' && native) {
      const stmt = sqliteStatement(
        native,
        `insert into ${table} (${cols.join(', ')}) values (${cols.map(() => '?').join(', ')})`,
      );
      // Bound by position from one reused array: binding by name looks each parameter up per row.
      const values: unknown[] = new Array<unknown>(cols.length);
      for (const row of rows) {
        for (let i = 0; i < cols.length; i++) values[i] = row[cols[i]!];
        stmt.run(values);
      }
    } else if (engine === 'postgres' && cols.every((c) => PG_ARRAY_TYPES[c])) {
      for (const part of chunks(rows, UNNEST_CHUNK)) {
        const { columns, arrays } = unnestArrays(part);
        await sql`insert into ${sql.table(table)} (${columns}) select * from unnest(${arrays})`.execute(db);
      }
    } else {
      for (const part of chunks(rows, INSERT_CHUNK))
        await db
          .insertInto(table)
          .values(part as never)
          .execute();
    }
  } catch (e) {
    convertError(e, what);
  }
}

/**
 * How a version becomes a row of its table: the columns, the values written in that order into a
 * reused array (SQLite), and the row object (the other paths).
 */
export interface VersionColumns<V> {
  columns: readonly string[];
  fill: (version: V, values: unknown[]) => void;
  row: (version: V) => Record<string, unknown>;
}

/**
 * insertVersions of versions as they are: on SQLite each version's values go straight into the
 * statement's reused array, with no row object per version in between (and no look-up of each
 * column by name per row); an import writes one per record (issue 14).
 */
export async function insertVersionsOf<V>(
  target: BulkTarget,
  table: 'ci_versions' | 'relation_versions',
  versions: readonly V[],
  shape: VersionColumns<V>,
  what: string,
): Promise<void> {
  if (versions.length === 0) return;
  const { engine, native } = target;
  if (engine !== 'sqlite' || !native) return insertVersions(target, table, versions.map(shape.row), what);
  const { columns } = shape;
  try {
    const stmt = sqliteStatement(
      native,
      `insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`,
    );
    const values: unknown[] = new Array<unknown>(columns.length);
    for (const v of versions) {
      shape.fill(v, values);
      stmt.run(values);
    }
  } catch (e) {
    convertError(e, what);
  }
}
