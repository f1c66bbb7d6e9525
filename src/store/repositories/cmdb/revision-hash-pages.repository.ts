import { sql, type Kysely } from 'kysely';
import type {
  RevisionHashPage,
  RevisionHashSection,
  RevisionHashVersion,
} from '../../../core/revision/revision-hash-stream.types.js';
import type { Database } from '../../database.js';
import type { Engine } from '../../engine.js';

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
 * - SQLite: the statement is stepped row by row (better-sqlite3 `iterate` through Kysely's stream),
 *   walking the primary key in id order (a scan of the table's index, no sort).
 * - PostgreSQL: a cursor of the write transaction, fetched page by page (a keyset page per query
 *   would re-sort the revision's rows for every page).
 * PostgreSQL sorts with the "C" collation: byte order, the order JavaScript's `<` gives the
 * ASCII ids, whatever the database's default collation.
 */
export class RevisionHashPagesRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly engine: Engine,
  ) {}

  async *revisionHashPages(rev: number, pageSize: number): AsyncIterable<RevisionHashPage> {
    for (const { section, table, by } of SECTIONS) {
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
