import type BetterSqlite3 from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import type { Baseline, Revision, RevisionHeader } from '../../../core/revision/revision.types.js';
import { baselineRow, revisionRow, rowToBaseline, rowToRevision, rowToRevisionHeader } from '../../conversion/cmdb.js';
import { ConflictError } from '../../../core/shared/errors.js';
import { convertError } from '../../conversion/errors.js';
import type { Database } from '../../database.js';
import { QueryTemplate, type StatementTarget } from '../../query-template.js';
import type { StatementShape } from '../../statement-shape.js';
import type { Engine } from '../../engine.js';
import type { RevisionRow } from './cmdb.table.js';
import { rowArrays } from './row-arrays.js';

/** Most revisions a CI's history lists: the newest, when a CI was written more often than that. */
const HISTORY_REVISIONS = 5000;
/** Revision numbers bound in one `in (…)` list. */
const REVS_PER_QUERY = 1000;

/** What a diff line shows of a revision: no message, no hashes. */
const HEADER_COLUMNS = ['rev', 'at', 'author', 'change_id', 'backout_of'] as const;

/** Revisions numbered lo..hi: how a diff reads the headers of a dense run of revisions. */
const REVISION_RANGE = new QueryTemplate(2, (db, lo: number, hi: number) =>
  db.selectFrom('revisions').select(HEADER_COLUMNS).where('rev', '>=', lo).where('rev', '<=', hi),
);
/**
 * REVISION_RANGE for PostgreSQL, the time written out by the server as the ISO text the API
 * shows (`2026-12-05T15:48:22.123Z`, what Date's toISOString gives for the millisecond times
 * Cairn writes): the driver otherwise parses each `timestamptz` into a Date that readTime prints
 * again, for the 1 000 revisions of a 1 000-change diff about a millisecond of its time.
 */
const REVISION_RANGE_ISO = new QueryTemplate(2, (db, lo: number, hi: number) =>
  db
    .selectFrom('revisions')
    .select([
      'rev',
      sql<string>`to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`.as('at'),
      'author',
      'change_id',
      'backout_of',
    ])
    .where('rev', '>=', lo)
    .where('rev', '<=', hi),
);

/**
 * `LIMIT 1` written into the text, not bound: SQLite with a bound limit walked far more of the
 * revisions than the one it returns (a head read 10–40 µs slower, growing with the revisions:
 * a quarter of a single-CI change's database time after 10 000 changes), and PostgreSQL's
 * generic plan assumes a bound limit may keep a tenth of the rows (issue 14).
 */
const ONE = sql.lit(1);

/** Every write reads the head and appends a revision: compiled once (query-template.ts). */
const HEAD = new QueryTemplate(0, (db) => db.selectFrom('revisions').selectAll().orderBy('rev', 'desc').limit(ONE));
/**
 * The head and the model's revision (MODEL_REVISION in model.repository.ts) in one statement:
 * the first two reads of every CMDB write, one round trip instead of two (issue 14 §4).
 */
const HEAD_AND_MODEL = new QueryTemplate(0, (db) =>
  db
    .selectFrom('revisions')
    .selectAll('revisions')
    .select((eb) => [
      eb
        .selectFrom('model_versions')
        .select((m) => m.fn.max('rev_from').as('a'))
        .as('model_a'),
      eb
        .selectFrom('model_versions')
        .select((m) => m.fn.max('rev_to').as('b'))
        .as('model_b'),
    ])
    .orderBy('rev', 'desc')
    .limit(ONE),
);
const INSERT_REVISION = new QueryTemplate(
  10,
  (
    db,
    rev: number,
    parentRev: number | null,
    at: string,
    author: string,
    message: string,
    source: string,
    changeId: string | null,
    backoutOf: string | null,
    hash: string,
    prevHash: string | null,
  ) =>
    db.insertInto('revisions').values({
      rev,
      parent_rev: parentRev,
      at,
      author,
      message,
      source,
      change_id: changeId,
      backout_of: backoutOf,
      hash,
      prev_hash: prevHash,
    }),
);

/** The head's statement, for the page reader thread (graph-snapshot.ts, ci-scans.ts) to run on its own connection. */
export const headShape = (db: Kysely<Database>): StatementShape => HEAD.shape(db);

/** The SQL of `revisions` and of the `baselines` that name them. */
export class RevisionRepository {
  /** Where the statements every write runs go (QueryTemplate.executeIn): the driver inside a write on SQLite. */
  private readonly on: StatementTarget;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly engine: Engine,
    /** SQLite: the driver of the connection `db` runs on, for reading many rows as arrays (rowArrays). */
    private readonly native?: BetterSqlite3.Database,
    /** A write transaction's own connection: the statements every write runs go to `native` directly (QueryTemplate.runOn). */
    writing = false,
  ) {
    this.on = { db, native: writing ? native : undefined, writing };
  }

  async head(): Promise<Revision | undefined> {
    const [row] = await HEAD.execute(this.db);
    return row && rowToRevision(row);
  }

  /** The head, and the model's revision as `ModelRepository.modelRevision` reads it; both undefined before the first revision. */
  async headAndModelRevision(): Promise<{ head: Revision | undefined; modelRevision: number | undefined }> {
    const [row] = await HEAD_AND_MODEL.executeIn(this.on);
    if (!row) return { head: undefined, modelRevision: undefined };
    const { model_a, model_b, ...revision } = row;
    return { head: rowToRevision(revision), modelRevision: Math.max(Number(model_a ?? 0), Number(model_b ?? 0)) };
  }

  async getRevision(rev: number): Promise<Revision | undefined> {
    const row = await this.db.selectFrom('revisions').selectAll().where('rev', '=', rev).executeTakeFirst();
    return row && rowToRevision(row);
  }

  async revisionsIn(revs: number[]): Promise<RevisionHeader[]> {
    const out: RevisionHeader[] = [];
    const unique = [...new Set(revs)];
    if (unique.length === 0) return out;
    // Most diffs name most revisions in their range (1 000 changes, 1 000 revisions): one range
    // scan on the primary key, with no list of numbers to bind, when at least half of it is wanted.
    let lo = unique[0]!;
    let hi = lo;
    for (const rev of unique) {
      if (rev < lo) lo = rev;
      if (rev > hi) hi = rev;
    }
    if (hi - lo + 1 <= 2 * unique.length) {
      const wanted = new Set(unique);
      // Engine check (time as text): SQLite stores the ISO text already.
      const range = this.engine === 'postgres' ? REVISION_RANGE_ISO : REVISION_RANGE;
      // As arrays (row-arrays.ts), columns in HEADER_COLUMNS' order: a diff of 1 000 changes reads
      // 1 000 headers: read through Kysely, a row object each, they took about a seventh of it.
      for (const r of await rowArrays(this.db, this.native, range.with(this.db, lo, hi))) {
        const rev = r[0] as number;
        if (!wanted.has(rev)) continue;
        out.push(
          rowToRevisionHeader({
            rev,
            at: r[1] as RevisionRow['at'],
            author: r[2] as string,
            change_id: r[3] as RevisionRow['change_id'],
            backout_of: r[4] as RevisionRow['backout_of'],
          }),
        );
      }
      return out;
    }
    // In slices, so that a diff over many revisions stays under the engines' bound-parameter limits.
    for (let i = 0; i < unique.length; i += REVS_PER_QUERY) {
      const slice = unique.slice(i, i + REVS_PER_QUERY);
      const rows = await this.db.selectFrom('revisions').select(HEADER_COLUMNS).where('rev', 'in', slice).execute();
      out.push(...rows.map(rowToRevisionHeader));
    }
    return out;
  }

  async revisionOfChange(changeId: string): Promise<Revision | undefined> {
    const row = await this.db
      .selectFrom('revisions')
      .selectAll()
      .where('change_id', '=', changeId)
      .orderBy('rev', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row && rowToRevision(row);
  }

  async revisionAtTime(iso: string): Promise<Revision | undefined> {
    const row = await this.db
      .selectFrom('revisions')
      .selectAll()
      .where('at', '<=', iso)
      .orderBy('rev', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row && rowToRevision(row);
  }

  async listRevisions(query: { ciId?: string; limit: number; beforeRev?: number }): Promise<Revision[]> {
    let q = this.db.selectFrom('revisions').selectAll().orderBy('rev', 'desc').limit(query.limit);
    if (query.beforeRev !== undefined) q = q.where('rev', '<', query.beforeRev);
    if (query.ciId !== undefined) {
      const revs = await this.revisionsTouching(query.ciId);
      if (revs.length === 0) return [];
      q = q.where('rev', 'in', revs);
    }
    return (await q.execute()).map(rowToRevision);
  }

  /** Revisions made for a change (drift tells changed state from unauthorised drift by them). */
  async changeRevisionsBetween(from: string, to: string): Promise<Revision[]> {
    const rows = await this.db
      .selectFrom('revisions')
      .selectAll()
      .where('change_id', 'is not', null)
      .where('at', '>=', from)
      .where('at', '<=', to)
      .orderBy('rev')
      .execute();
    return rows.map(rowToRevision);
  }

  async insertRevision(r: Revision): Promise<void> {
    try {
      const row = revisionRow(r);
      await INSERT_REVISION.executeIn(
        this.on,
        row.rev,
        row.parent_rev ?? null,
        row.at,
        row.author,
        row.message,
        row.source,
        row.change_id ?? null,
        row.backout_of ?? null,
        row.hash,
        row.prev_hash ?? null,
      );
    } catch (e) {
      convertError(e, `revision ${r.rev}`);
    }
  }

  async getBaseline(name: string): Promise<Baseline | undefined> {
    const row = await this.db.selectFrom('baselines').selectAll().where('name', '=', name).executeTakeFirst();
    return row && rowToBaseline(row);
  }

  async listBaselines(): Promise<Baseline[]> {
    return (await this.db.selectFrom('baselines').selectAll().orderBy('rev', 'desc').orderBy('name').execute()).map(
      rowToBaseline,
    );
  }

  async insertBaseline(b: Baseline): Promise<void> {
    try {
      await this.db.insertInto('baselines').values(baselineRow(b)).execute();
    } catch (e) {
      convertError(e, new ConflictError('BASELINE_EXISTS', `baseline ${b.name} already exists`));
    }
  }

  /** Revisions that wrote or ended a version of the CI or of a relationship touching it, newest first. */
  private async revisionsTouching(ciId: string): Promise<number[]> {
    const versions = await this.db
      .selectFrom('ci_versions')
      .select(['rev_from', 'rev_to'])
      .where('id', '=', ciId)
      .execute();
    const relations = await this.db
      .selectFrom('relation_versions')
      .select(['rev_from', 'rev_to'])
      .where((eb) => eb.or([eb('source_id', 'in', [ciId]), eb('target_id', 'in', [ciId])]))
      .execute();
    const revs = new Set<number>();
    for (const v of [...versions, ...relations]) {
      revs.add(v.rev_from);
      if (v.rev_to !== null) revs.add(v.rev_to);
    }
    return [...revs].sort((a, b) => b - a).slice(0, HISTORY_REVISIONS);
  }
}
