import type BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, sql, type Kysely } from 'kysely';
import { withArrayRows } from '../../array-rows.js';
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
 * holding its versions (CmdbWriter.revisionHashPages). Each section costs one walk of an index,
 * however many pages it makes:
 * - SQLite: on the write's connection, a keyset page per query of the driver's own statement in
 *   raw mode, each walking the primary key in id order from where the last ended (no sort).
 *   Through Kysely's stream each row was an object passed up through four async generators:
 *   about three times the CPU (issue 14).
 * - PostgreSQL: a cursor of the write transaction, fetched page by page as row arrays (a keyset
 *   page per query would re-sort the revision's rows for every page).
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
      if (this.engine === 'postgres') {
        yield* this.cursorPages(section, table, by, rev, pageSize);
        continue;
      }
      let versions: RevisionHashVersion[] = [];
      for await (const r of this.stepped(table, by, rev)) {
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

  /** PostgreSQL: a page a fetch of the cursor, its rows as arrays (no object per row from the driver). */
  private async *cursorPages(
    section: RevisionHashSection,
    table: Table,
    by: 'rev_from' | 'rev_to',
    rev: number,
    pageSize: number,
  ): AsyncIterable<RevisionHashPage> {
    const name = sql.id(CURSOR);
    await sql`declare ${name} no scroll cursor for select id, hash, source, rev_from from ${sql.table(table)}
      where ${sql.ref(by)} = ${rev} order by id collate "C"`.execute(this.db);
    const fetch = withArrayRows(CompiledQuery.raw(`fetch forward ${pageSize} from ${CURSOR}`));
    try {
      for (;;) {
        const { rows } = await this.db.executeQuery(fetch);
        if (rows.length === 0) return;
        yield { section, versions: (rows as HashRowArray[]).map(versionOfRow) };
      }
    } finally {
      await sql`close ${name}`.execute(this.db);
    }
  }
}

/** The cursor a PostgreSQL section is read through, inside the write transaction. */
const CURSOR = 'cairn_revision_hash';

type HashRowArray = [id: string, hash: string, source: string | null, revFrom: number];

const versionOfRow = (row: HashRowArray): RevisionHashVersion => ({
  id: row[0],
  hash: row[1],
  source: row[2],
  revFrom: row[3],
});

/**
 * The rows of one section as pages, each page ONE query of the driver's own statement in raw
 * mode: the next `pageSize` rows after the last id read (a keyset page; within one revision a
 * section holds at most one version of an id). Stepping one statement row by row cost a call into
 * the driver and an iterator result per row: reading an import's 386 500 versions back took about
 * a quarter more time than by pages (issue 14). Each page walks the primary key in id order from
 * where the last ended, filtering, with the `+` that keeps the rev_from/rev_to index out (see
 * `stepped`), so the pages together read what one scan did.
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
    `select id, hash, source, rev_from from ${table} where +${by} = ? and id > ? order by id limit ?`,
    'arrays',
  );
  for (let after = ''; ;) {
    const rows = statement.all(rev, after, pageSize) as HashRowArray[];
    if (rows.length === 0) return;
    yield { section, versions: rows.map(versionOfRow) };
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1]![0];
  }
}
