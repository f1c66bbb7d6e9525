import type BetterSqlite3 from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import type { CiVersion, RelationVersion } from '../core/ci/ci.types.js';
import type { ModelVersion } from '../core/model/model-version.types.js';
import type { CmdbWriter } from '../core/ports/cmdb-store.port.js';
import type { Baseline, Revision } from '../core/revision/revision.types.js';
import { chunks, ciRow, convertError, relationRow } from './conversion.js';
import { CmdbQueries, IN_CHUNK } from './cmdb.queries.js';
import type { Engine } from './engine.js';
import type { Database } from './database.js';

/** Rows per multi-row INSERT: 10 columns × 1 000 rows stays under both engines' parameter limits. */
const INSERT_CHUNK = 1000;

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

/** Rows per unnest INSERT on PostgreSQL: one parameter per column, whatever the row count. */
const UNNEST_CHUNK = 5000;

/** Writes of the CMDB; only ever used inside a store's write transaction. */
export class CmdbWrites extends CmdbQueries implements CmdbWriter {
  constructor(
    db: Kysely<Database>,
    engine: Engine,
    /** SQLite: the driver handle of the connection this transaction runs on. */
    private readonly native?: BetterSqlite3.Database,
  ) {
    super(db, engine);
  }

  /**
   * Inserts version rows by the fastest path each engine has, inside the open transaction:
   * SQLite, one prepared statement run per row on the same (single) connection, which skips
   * Kysely compiling a 10 000-parameter statement per chunk; PostgreSQL, one INSERT … SELECT
   * FROM unnest(arrays) per 5 000 rows. Falls back to multi-row INSERTs for a column whose
   * type is not listed. Unique violations become ConflictError as before.
   */
  private async insertRows(table: 'ci_versions' | 'relation_versions', rows: Record<string, unknown>[], what: string): Promise<void> {
    const cols = Object.keys(rows[0]!);
    try {
      if (this.engine === 'sqlite' && this.native) {
        const stmt = this.native.prepare(`insert into ${table} (${cols.join(', ')}) values (${cols.map((c) => `@${c}`).join(', ')})`);
        for (const row of rows) stmt.run(row);
      } else if (this.engine === 'postgres' && cols.every((c) => PG_ARRAY_TYPES[c])) {
        const columns = sql.join(cols.map((c) => sql.ref(c)));
        for (const part of chunks(rows, UNNEST_CHUNK)) {
          const arrays = sql.join(cols.map((c) => sql`${part.map((r) => r[c])}::${sql.raw(PG_ARRAY_TYPES[c]!)}`));
          await sql`insert into ${sql.table(table)} (${columns}) select * from unnest(${arrays})`.execute(this.db);
        }
      } else {
        for (const part of chunks(rows, INSERT_CHUNK)) await this.db.insertInto(table).values(part as never).execute();
      }
    } catch (e) {
      convertError(e, what);
    }
  }

  async endCiVersions(ids: string[], rev: number): Promise<void> {
    for (const part of chunks(ids, IN_CHUNK)) {
      await this.db.updateTable('ci_versions').set({ rev_to: rev }).where('rev_to', 'is', null).where('id', 'in', part).execute();
    }
  }

  async insertCiVersions(rows: CiVersion[]): Promise<void> {
    if (rows.length > 0) await this.insertRows('ci_versions', rows.map(ciRow), 'a current CI with one of these class/name pairs');
  }

  async endRelationVersions(ids: string[], rev: number): Promise<void> {
    for (const part of chunks(ids, IN_CHUNK)) {
      await this.db.updateTable('relation_versions').set({ rev_to: rev }).where('rev_to', 'is', null).where('id', 'in', part).execute();
    }
  }

  async insertRelationVersions(rows: RelationVersion[]): Promise<void> {
    if (rows.length > 0) await this.insertRows('relation_versions', rows.map(relationRow), 'one of these relationships');
  }

  async endModelVersions(keys: { kind: ModelVersion['kind']; name: string }[], rev: number): Promise<void> {
    for (const k of keys) {
      await this.db
        .updateTable('model_versions')
        .set({ rev_to: rev })
        .where('rev_to', 'is', null)
        .where('kind', '=', k.kind)
        .where('name', '=', k.name)
        .execute();
    }
  }

  async insertModelVersions(rows: ModelVersion[]): Promise<void> {
    for (const part of chunks(rows, INSERT_CHUNK)) {
      await this.db
        .insertInto('model_versions')
        .values(
          part.map((v) => ({
            kind: v.kind,
            name: v.name,
            rev_from: v.revFrom,
            rev_to: v.revTo,
            definition: JSON.stringify(v.definition),
            hash: v.hash,
          })),
        )
        .execute();
    }
  }

  async insertRevision(r: Revision): Promise<void> {
    try {
      await this.db
        .insertInto('revisions')
        .values({
          rev: r.rev,
          parent_rev: r.parentRev,
          at: r.at,
          author: r.author,
          message: r.message,
          source: r.source,
          change_id: r.changeId,
          hash: r.hash,
          prev_hash: r.prevHash,
        })
        .execute();
    } catch (e) {
      convertError(e, `revision ${r.rev}`);
    }
  }

  async insertBaseline(b: Baseline): Promise<void> {
    try {
      await this.db
        .insertInto('baselines')
        .values({ name: b.name, rev: b.rev, created_at: b.createdAt, author: b.author, description: b.description })
        .execute();
    } catch (e) {
      convertError(e, `baseline ${b.name}`);
    }
  }
}
