import type BetterSqlite3 from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import type {
  RevisionHashPage,
  RevisionHashSection,
  RevisionHashVersion,
} from '../../../core/revision/revision-hash-stream.types.js';
import type { Database } from '../../database.js';
import type { Engine } from '../../engine.js';
import { sqliteStatement } from './sqlite-statements.js';

interface HashRow {
  id: string;
  hash: string;
  source: string | null;
  rev_from: number | string;
}

type Table = 'ci_versions' | 'relation_versions';

const SECTIONS: { section: RevisionHashSection; table: Table; by: 'rev_from' | 'rev_to' }[] = [
  { section: 'createdCis', table: 'ci_versions', by: 'rev_from' },
  { section: 'endedCis', table: 'ci_versions', by: 'rev_to' },
  { section: 'createdRelations', table: 'relation_versions', by: 'rev_from' },
  { section: 'endedRelations', table: 'relation_versions', by: 'rev_to' },
];

/**
 * A revision's CI and relationship version rows as the hash chain reads them (id, hash, source,
 * start), section by section in id order, a page at a time, for hashing a large revision without
 * holding its versions (CmdbWriter.revisionHashPages). Each section is ONE query read as it goes,
 * so its cost is one index range scan and one sort, however many pages it makes:
 * - SQLite: the statement is stepped row by row, walking the primary key in id order (a scan of
 *   the table's index, no sort), on the write's connection: the driver's own statement in raw
 *   mode, a page of row arrays at a time. Through Kysely's stream each row was an object passed
 *   up through four async generators: about three times the CPU (issue 14).
 * - PostgreSQL: a cursor of the write transaction, fetched page by page (a keyset page per query
 *   would re-sort the revision's rows for every page).
 * PostgreSQL sorts with the "C" collation: byte order, the order JavaScript's `<` gives the
 * ASCII ids, whatever the database's default collation.
 */
export class RevisionHashPagesRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly engine: Engine,
    /** SQLite: the driver handle of the connection the repository runs on. */
    private readonly native?: BetterSqlite3.Database,
  ) {}

  async *revisionHashPages(rev: number, pageSize: number): AsyncIterable<RevisionHashPage> {
    for (const { section, table, by } of SECTIONS) {
      // Only a write hashes a revision (CmdbWriter.revisionHashPages): its connection is this one.
      if (this.native) {
        yield* steppedPages(this.native, section, table, by, rev, pageSize);
        continue;
      }
      const rows = this.engine === 'postgres' ? this.cursor(table, by, rev, pageSize) : this.stepped(table, by, rev);
      let versions: RevisionHashVersion[] = [];
      for await (const r of rows) {
        versions.push({ id: r.id, hash: r.hash, source: r.source, revFrom: Number(r.rev_from) });
        if (versions.length >= pageSize) {
          yield { section, versions };
          versions = [];
        }
      }
      if (versions.length > 0) yield { section, versions };
    }
  }

  /** Without the driver's handle: Kysely's stream. */
  private stepped(table: Table, by: 'rev_from' | 'rev_to', rev: number): AsyncIterable<HashRow> {
    // Both version tables have these columns; typed as one of them to build the query once.
    return (
      this.db
        .selectFrom(table as 'ci_versions')
        .select(['id', 'hash', 'source', 'rev_from'])
        // `+` keeps the rev_from/rev_to index out: SQLite then walks the primary key (id, rev_from)
        // in id order, filtering, instead of collecting the revision's rows in a temp b-tree to
        // sort them (in memory: temp_store = MEMORY), which is what this read exists to avoid.
        .where(sql<number>`+${sql.ref(by)}`, '=', rev)
        .orderBy('id')
        .stream()
    );
  }

  private async *cursor(
    table: Table,
    by: 'rev_from' | 'rev_to',
    rev: number,
    pageSize: number,
  ): AsyncIterable<HashRow> {
    const name = sql.id('cairn_revision_hash');
    await sql`declare ${name} no scroll cursor for select id, hash, source, rev_from from ${sql.table(table)}
      where ${sql.ref(by)} = ${rev} order by id collate "C"`.execute(this.db);
    try {
      for (;;) {
        const { rows } = await sql<HashRow>`fetch forward ${sql.raw(String(pageSize))} from ${name}`.execute(this.db);
        if (rows.length === 0) return;
        yield* rows;
      }
    } finally {
      await sql`close ${name}`.execute(this.db);
    }
  }
}

/**
 * The rows of one section as pages of row arrays, stepped on the driver's statement a page at a
 * time (nothing else runs on a write transaction's connection while its revision is hashed).
 * The same SQL as `stepped`, with the `+` that keeps the rev_from/rev_to index out.
 */
function* steppedPages(
  native: BetterSqlite3.Database,
  section: RevisionHashSection,
  table: Table,
  by: 'rev_from' | 'rev_to',
  rev: number,
  pageSize: number,
): Generator<RevisionHashPage> {
  const statement = sqliteStatement(
    native,
    `select id, hash, source, rev_from from ${table} where +${by} = ? order by id`,
    'arrays',
  );
  let versions: RevisionHashVersion[] = [];
  for (const row of statement.iterate(rev) as IterableIterator<[string, string, string | null, number]>) {
    versions.push({ id: row[0], hash: row[1], source: row[2], revFrom: row[3] });
    if (versions.length >= pageSize) {
      yield { section, versions };
      versions = [];
    }
  }
  if (versions.length > 0) yield { section, versions };
}
