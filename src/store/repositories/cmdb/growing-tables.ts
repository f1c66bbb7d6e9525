import { sql, type Kysely } from 'kysely';
import type { Database } from '../../database.js';

type VersionTable = 'ci_versions' | 'relation_versions';

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
 * Small writes never reach it.
 */
export class GrowingTables {
  private readonly insertedRows = new Map<VersionTable, number>();
  private readonly nextAnalyzeAt = new Map<VersionTable, number>();

  constructor(private readonly db: Kysely<Database>) {}

  /** Counts `rows` inserted into `table`; true when its statistics are due now. */
  grew(table: VersionTable, rows: number): boolean {
    const total = (this.insertedRows.get(table) ?? 0) + rows;
    this.insertedRows.set(table, total);
    if (total < (this.nextAnalyzeAt.get(table) ?? FIRST_ANALYZE)) return false;
    this.nextAnalyzeAt.set(table, total * 2);
    return true;
  }

  async analyze(table: VersionTable): Promise<void> {
    await sql`analyze ${sql.table(table)}`.execute(this.db);
  }
}
