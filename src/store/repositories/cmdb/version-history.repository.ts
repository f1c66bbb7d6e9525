import type BetterSqlite3 from 'better-sqlite3';
import { sql, type CompiledQuery, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { CiVersion, RelationVersion } from '../../../core/ci/ci.types.js';
import type { StrayVersion } from '../../../core/cmdb/cmdb.port.js';
import type {
  ChangedVersions,
  GraphChanges,
  RevisionWrites,
  VersionChains,
} from '../../../core/revision/revision.types.js';
import { rowToCi, rowToModel, rowToRelation } from '../../conversion/cmdb.js';
import { jsonInterner } from '../../conversion/values.js';
import type { Database } from '../../database.js';
import { QueryTemplate } from '../../query-template.js';
import type { Engine } from '../../engine.js';
import type { VersionTable } from './as-of.js';
import { jsonText } from './json-text.js';
import { rowArrays } from './row-arrays.js';

const COMPARED_CI_COLUMNS = [
  'id',
  'rev_from',
  'rev_to',
  'class',
  'name',
  'status',
  jsonText('attributes'),
  jsonText('labels'),
  'source',
  'hash',
] as const;
const COMPARED_RELATION_COLUMNS = [
  'id',
  'rev_from',
  'rev_to',
  'type',
  'source_id',
  'target_id',
  jsonText('attributes'),
  'source',
  'hash',
] as const;

const revFrom = sql.ref('rev_from');
const revTo = sql.ref('rev_to');

/**
 * A diff's versions of one table in ONE statement, compiled once (query-template.ts): those live at
 * `lo` that ended in (lo, hi] (`rev_from ≤ lo`), then every version begun in (lo, hi]
 * (`rev_from > lo`). The halves are disjoint and each keeps its own index range scan (`rev_to`,
 * `rev_from`); one statement is one round trip on PostgreSQL, and no query built per diff.
 * Arguments: lo, hi, lo (ended), lo, hi (begun).
 */
const CI_CHAINS = new QueryTemplate(
  5,
  (db, endedAfter: number, endedBy: number, liveAt: number, after: number, by: number) =>
    endedBetween(db.selectFrom('ci_versions').select(COMPARED_CI_COLUMNS), endedAfter, endedBy, liveAt).unionAll(
      anyBegunBetween(db.selectFrom('ci_versions').select(COMPARED_CI_COLUMNS), after, by),
    ),
);
const RELATION_CHAINS = new QueryTemplate(
  5,
  (db, endedAfter: number, endedBy: number, liveAt: number, after: number, by: number) =>
    endedBetween(
      db.selectFrom('relation_versions').select(COMPARED_RELATION_COLUMNS),
      endedAfter,
      endedBy,
      liveAt,
    ).unionAll(anyBegunBetween(db.selectFrom('relation_versions').select(COMPARED_RELATION_COLUMNS), after, by)),
);

/**
 * Which versions revisions began and ended, over every version table: for diffs between two
 * revisions and for recomputing the hash chain. Each query is an index range scan on `rev_from`
 * or on `rev_to` (partial, past rows only): its cost follows the number of changes, not the size
 * of the CMDB.
 */
export class VersionHistoryRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly engine: Engine,
    /** SQLite: the driver handle of the connection `db` runs on, for reads as arrays. */
    private readonly native?: BetterSqlite3.Database,
  ) {}

  async versionsChangedBetween(fromRev: number, toRev: number): Promise<ChangedVersions> {
    const { cis, relations } = this.versionTables();
    return {
      cisBefore: (await endedBetween(cis, fromRev, toRev).execute()).map(rowToCi),
      cisAfter: (await begunBetween(cis, fromRev, toRev)).map(rowToCi),
      relationsBefore: (await endedBetween(relations, fromRev, toRev).execute()).map(rowToRelation),
      relationsAfter: (await begunBetween(relations, fromRev, toRev)).map(rowToRelation),
    };
  }

  /**
   * What changed in (fromRev, toRev] as the graph reads it (ids, names and ends only), in pages of
   * at most `pageSize` versions, part after part (GraphChanges). A part that fits in a page is one
   * index range scan, as in versionsChangedBetween. A larger one (one revision can hold a million
   * versions) is read again page by page in the order of the primary key, which starts with the
   * version id: its revision columns are written `rev_from + 0` so that neither engine takes
   * their index and sorts the whole part for each page; each page walks on from where the last
   * stopped, so all its pages together read the table once at most.
   */
  async *graphChangesBetween(fromRev: number, toRev: number, pageSize: number): AsyncIterable<GraphChanges> {
    for (const part of GRAPH_PARTS) {
      const first = await this.changedPart(part, fromRev, toRev, pageSize + 1);
      if (first.length <= pageSize) {
        if (first.length > 0) yield graphPage(part, first);
        continue;
      }
      let after = '';
      for (;;) {
        const rows = await this.changedPart(part, fromRev, toRev, pageSize, after);
        if (rows.length > 0) yield graphPage(part, rows);
        if (rows.length < pageSize) break;
        after = rows[rows.length - 1]!.id;
      }
    }
  }

  /** Up to `limit` versions of one part; by id after `after` when given, else in no set order. */
  private async changedPart(
    part: GraphPart,
    lo: number,
    hi: number,
    limit: number,
    after?: string,
  ): Promise<GraphRow[]> {
    const byId = after !== undefined;
    const column = (name: 'rev_from' | 'rev_to') => (byId ? sql`(${sql.ref(name)} + 0)` : sql.ref(name));
    const [from, to] = [column('rev_from'), column('rev_to')];
    const live = part.endsWith('Before')
      ? sql`${to} is not null and ${to} > ${lo} and ${to} <= ${hi} and ${from} <= ${lo}`
      : sql`${from} > ${lo} and ${from} <= ${hi} and (${to} is null or ${to} > ${hi})`;
    const cis = part.startsWith('cis');
    const columns = cis ? sql`id, class, name` : sql`id, type, source_id, target_id`;
    const table = sql.table(cis ? 'ci_versions' : 'relation_versions');
    const page = byId ? sql` and id > ${after} order by id` : sql``;
    const query = sql<GraphRow>`select ${columns} from ${table} where ${live}${page} limit ${limit}`;
    // PostgreSQL: its estimate of the rows left after the filter is tiny, so it would rather
    // collect every row after `after` and sort them (0.4 s a page at 100 000 versions, the whole
    // part again for each page) than walk the primary key in order (3 ms). Sorting is disabled for
    // this one statement's transaction; SQLite walks the primary key for `order by id` as it is.
    if (!byId || this.engine !== 'postgres' || this.db.isTransaction) return (await query.execute(this.db)).rows;
    return this.db.transaction().execute(async (trx) => {
      await sql`set local enable_sort = off`.execute(trx);
      return (await query.execute(trx)).rows;
    });
  }

  async versionChainsBetween(fromRev: number, toRev: number): Promise<VersionChains> {
    // A diff compares and shows attributes, never their sources: the largest JSON column after
    // attributes is neither read nor parsed (attributeSources comes back empty). Rows come as
    // arrays, each turned straight into its version: no row object per version in between. Both
    // statements are issued at once: on PostgreSQL the pool runs them on two connections (in a
    // transaction its one connection pipelines them), one round trip of waiting instead of two.
    const [cis, relations] = await Promise.all([
      this.arrays(CI_CHAINS.with(this.db, fromRev, toRev, fromRev, fromRev, toRev)),
      this.arrays(RELATION_CHAINS.with(this.db, fromRev, toRev, fromRev, fromRev, toRev)),
    ]);
    // Equal JSON texts parse once, to one object: the diff then finds an unchanged field (most
    // labels, the attributes of a status change) identical without comparing it key by key.
    const json = jsonInterner();
    const out: VersionChains = { cisEnded: [], cisBegun: [], relationsEnded: [], relationsBegun: [] };
    // Columns in COMPARED_CI_COLUMNS' order; rev_from (1) tells the halves apart.
    for (const r of cis) {
      const v: CiVersion = {
        id: r[0] as string,
        class: r[3] as string,
        name: r[4] as string,
        status: r[5] as CiVersion['status'],
        attributes: json(r[6]),
        labels: json(r[7]),
        source: r[8] as string,
        hash: r[9] as string,
        revFrom: r[1] as number,
        revTo: r[2] as number | null,
        attributeSources: {},
      };
      (v.revFrom <= fromRev ? out.cisEnded : out.cisBegun).push(v);
    }
    // Columns in COMPARED_RELATION_COLUMNS' order.
    for (const r of relations) {
      const v: RelationVersion = {
        id: r[0] as string,
        revFrom: r[1] as number,
        revTo: r[2] as number | null,
        type: r[3] as string,
        sourceId: r[4] as string,
        targetId: r[5] as string,
        attributes: json(r[6]),
        source: r[7] as string,
        hash: r[8] as string,
      };
      (v.revFrom <= fromRev ? out.relationsEnded : out.relationsBegun).push(v);
    }
    return out;
  }

  /** A compiled query's rows as arrays of column values (row-arrays.ts): a diff reads thousands. */
  private arrays(query: CompiledQuery): Promise<unknown[][]> {
    return rowArrays(this.db, this.native, query);
  }

  async revisionWrites(rev: number): Promise<RevisionWrites> {
    const { cis, relations, model } = this.versionTables();
    const begun = <T extends VersionTable, R>(q: SelectQueryBuilder<Database, T, R>) =>
      q.where(revFrom, '=', rev).execute();
    const ended = <T extends VersionTable, R>(q: SelectQueryBuilder<Database, T, R>) =>
      q.where(revTo, '=', rev).execute();
    return {
      createdCis: (await begun(cis)).map(rowToCi),
      endedCis: (await ended(cis)).map(rowToCi),
      createdRelations: (await begun(relations)).map(rowToRelation),
      endedRelations: (await ended(relations)).map(rowToRelation),
      createdModel: (await begun(model)).map(rowToModel),
      endedModel: (await ended(model)).map(rowToModel),
    };
  }

  async versionsOutsideChain(head: number, limit: number): Promise<StrayVersion[]> {
    // A scan of each version table: verify reads every row through revisionWrites anyway.
    const outside = <T extends VersionTable, R>(q: SelectQueryBuilder<Database, T, R>) =>
      q
        .where((eb) =>
          eb.or([
            eb(revFrom, '<', 1),
            eb(revFrom, '>', head),
            eb.and([eb(revTo, 'is not', null), eb.or([eb(revTo, '<=', revFrom), eb(revTo, '>', head)])]),
          ]),
        )
        .limit(limit)
        .execute();
    const cis = await outside(this.db.selectFrom('ci_versions').select(['id', 'class', 'name', 'rev_from', 'rev_to']));
    const relations = await outside(
      this.db.selectFrom('relation_versions').select(['id', 'type', 'rev_from', 'rev_to']),
    );
    const model = await outside(this.db.selectFrom('model_versions').select(['kind', 'name', 'rev_from', 'rev_to']));
    const stray = (table: StrayVersion['table'], key: string, r: { rev_from: number; rev_to: number | null }) => ({
      table,
      key,
      revFrom: Number(r.rev_from),
      revTo: r.rev_to === null ? null : Number(r.rev_to),
    });
    return [
      ...cis.map((r) => stray('ci', `${r.id} (${r.class}/${r.name})`, r)),
      ...relations.map((r) => stray('relation', `${r.id} (${r.type})`, r)),
      ...model.map((r) => stray('model', `${r.kind} ${r.name}`, r)),
    ].slice(0, limit);
  }

  private versionTables() {
    return {
      cis: this.db.selectFrom('ci_versions').selectAll(),
      relations: this.db.selectFrom('relation_versions').selectAll(),
      model: this.db.selectFrom('model_versions').selectAll(),
    };
  }
}

/** The parts of GraphChanges, in the order a catch-up applies them. */
const GRAPH_PARTS = ['cisBefore', 'cisAfter', 'relationsBefore', 'relationsAfter'] as const;
type GraphPart = (typeof GRAPH_PARTS)[number];

/** A row of either table as `changedPart` reads it. */
interface GraphRow {
  id: string;
  class?: string;
  name?: string;
  type?: string;
  source_id?: string;
  target_id?: string;
}

function graphPage(part: GraphPart, rows: GraphRow[]): GraphChanges {
  const page: GraphChanges = { cisBefore: [], cisAfter: [], relationsBefore: [], relationsAfter: [] };
  if (part === 'cisBefore' || part === 'cisAfter')
    page[part] = rows.map((r) => ({ id: r.id, class: r.class!, name: r.name! }));
  else page[part] = rows.map((r) => ({ id: r.id, type: r.type!, sourceId: r.source_id!, targetId: r.target_id! }));
  return page;
}

/** Versions live at `liveAt` (the same as `after` but for a template's own placeholder) and ended in (after, by]. */
function endedBetween<T extends VersionTable, R>(
  q: SelectQueryBuilder<Database, T, R>,
  after: number,
  by: number,
  liveAt = after,
): SelectQueryBuilder<Database, T, R> {
  return q.where(revTo, 'is not', null).where(revTo, '>', after).where(revTo, '<=', by).where(revFrom, '<=', liveAt);
}

/** Versions begun in (fromRev, toRev] and still live at `toRev`. */
function begunBetween<T extends VersionTable, R>(
  q: SelectQueryBuilder<Database, T, R>,
  fromRev: number,
  toRev: number,
): Promise<R[]> {
  return q
    .where(revFrom, '>', fromRev)
    .where(revFrom, '<=', toRev)
    .where((eb) => eb.or([eb(revTo, 'is', null), eb(revTo, '>', toRev)]))
    .execute();
}

/** Every version begun in (fromRev, toRev], whether still live at `toRev` or ended again before it. */
function anyBegunBetween<T extends VersionTable, R>(
  q: SelectQueryBuilder<Database, T, R>,
  fromRev: number,
  toRev: number,
): SelectQueryBuilder<Database, T, R> {
  return q.where(revFrom, '>', fromRev).where(revFrom, '<=', toRev);
}
