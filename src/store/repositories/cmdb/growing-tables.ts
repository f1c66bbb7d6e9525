import { sql, type Kysely } from 'kysely';
import type { Database } from '../../database.js';

/** The tables of CI and relationship versions, whose statistics the store looks after on PostgreSQL. */
export const VERSION_TABLES = ['ci_versions', 'relation_versions'] as const;
export type VersionTable = (typeof VERSION_TABLES)[number];

/** Columns of each version table, by table. */
type VersionColumnsOf = Record<VersionTable, readonly string[]>;

/** The columns of each version table that the store's lookups find rows by. */
const LOOKUP_COLUMNS: VersionColumnsOf = {
  ci_versions: ['id', 'rev_from', 'rev_to', 'class', 'name'],
  relation_versions: ['id', 'rev_from', 'rev_to', 'type', 'source_id', 'target_id'],
};

/**
 * Every column a query of the store filters on whole: the lookup columns, and the status and
 * source that CI lists and an import's prune filter on. Not the JSON columns: a filter on an
 * attribute or label (`attributes ->> 'os'`) is an expression, which the planner estimates
 * without the column's statistics, and nothing compares whole JSON values. Nor the hash.
 */
export const FILTERED_COLUMNS: VersionColumnsOf = {
  ci_versions: [...LOOKUP_COLUMNS.ci_versions, 'status', 'source'],
  relation_versions: [...LOOKUP_COLUMNS.relation_versions, 'source'],
};

/**
 * PostgreSQL: takes the planner's statistics of `tables` again, in one statement, of `columns`
 * (and the tables' sizes). By default the lookup columns: what the plans of an import's lookups
 * and of reads after many versions ended depend on. The JSON, hash and text columns besides cost
 * two thirds of a whole ANALYZE (ci_versions at 100 000 CIs: 107–135 ms against 350–424 ms).
 */
export async function analyzeTables(
  db: Kysely<Database>,
  tables: readonly VersionTable[],
  columns: VersionColumnsOf = LOOKUP_COLUMNS,
): Promise<void> {
  const each = tables.map((t) => sql`${sql.table(t)} (${sql.join(columns[t].map((c) => sql.ref(c)))})`);
  await sql`analyze ${sql.join(each)}`.execute(db);
}

/** Rows a transaction inserts into a version table before the planner is first told of them. */
const FIRST_ANALYZE = 20_000;

/**
 * PostgreSQL: the planner's statistics of the version tables while ONE transaction grows them
 * many times over (a large import). Its lookups — the screen's digests by name, the ends of
 * relationships — were planned from the statistics the tables had when it began (none, for a
 * first import), and at a million CIs an import's CI phase ran at 7 000 CIs/s where it ran at
 * 23 000 at 100 000 (issue 14). So a table is analyzed inside the transaction (ANALYZE samples
 * the transaction's own rows too) each time the rows inserted there have doubled since the last
 * time, from FIRST_ANALYZE on: about log2(n / 20 000) times, each bounded by ANALYZE's sample.
 *
 * The same rule holds for each class (CIs) and type (relationships) on its own. An import writes
 * class after class, and a class that came after the last ANALYZE has no statistics: the planner
 * takes `class = $1` for one row and reads a lookup's `class = $1 AND name IN (…)` by class
 * alone, filtering the names, i.e. every current row of that class for each lookup — quadratic in
 * the class. (The reads by reference have since bound their references as arrays, each probed on
 * the current-row index by a LATERAL subquery whatever the statistics: byRefsPg in ci-refs.ts.)
 * At 10M CIs the CI phase fell from about 14 000 CIs/s to 1 500 once the import reached the
 * classes that came after the ANALYZE at 5.12M (docs/scaling.md). So each class's rows
 * are counted too, and its doubling (from FIRST_ANALYZE rows of its own) also makes the
 * statistics due: a few more ANALYZEs, one per doubling per class.
 * Small writes never reach it.
 */
export class GrowingTables {
  /** Rows inserted, and the count at which the statistics are due next, by table and by `table\0kind`. */
  private readonly insertedRows = new Map<string, number>();
  private readonly nextAnalyzeAt = new Map<string, number>();

  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Counts the rows inserted into `table`, given by their kind (class or type, one entry per row);
   * true when its statistics are due now: the table or one of the kinds has doubled.
   */
  grew(table: VersionTable, kinds: readonly string[]): boolean {
    const perKind = new Map<string, number>();
    for (const k of kinds) perKind.set(k, (perKind.get(k) ?? 0) + 1);
    let due = this.count(table, kinds.length);
    for (const [kind, rows] of perKind) if (this.count(`${table}\0${kind}`, rows)) due = true;
    if (due)
      for (const [key, total] of this.insertedRows) this.nextAnalyzeAt.set(key, Math.max(FIRST_ANALYZE, total * 2));
    return due;
  }

  /** Adds `rows` to `key`'s count; true when it has reached the count at which statistics are due. */
  private count(key: string, rows: number): boolean {
    const total = (this.insertedRows.get(key) ?? 0) + rows;
    this.insertedRows.set(key, total);
    return total >= (this.nextAnalyzeAt.get(key) ?? FIRST_ANALYZE);
  }

  async analyze(table: VersionTable): Promise<void> {
    await analyzeTables(this.db, [table]);
  }
}
