import type BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, sql, type Kysely } from 'kysely';
import type { RelationVersion, SourceRelations } from '../../../core/ci/ci.types.js';
import type { RelationKey, VersionKey } from '../../../core/cmdb/cmdb.port.js';
import { RELATION_ROWS, rowToRelation } from '../../conversion/cmdb.js';
import { lazyRelation } from '../../conversion/lazy-versions.js';
import type { Database } from '../../database.js';
import { chunks, IN_CHUNK } from '../batching.js';
import { compareText, selectLive } from './as-of.js';
import { endVersions } from './end-versions.js';
import { insertVersionsOf, type BulkTarget } from './insert-versions.js';
import { nameStatement, QueryTemplate } from '../../query-template.js';
import { withArrayRows } from '../../array-rows.js';
import { rowArrays } from './row-arrays.js';
import { scanCurrentEdgeTexts } from './edge-texts.js';
import type { Edge } from '../../../core/graph/impact.js';

/**
 * A page of the current relationships after a key, in the order of their unique current index
 * (source, type, target): the index holds every column read, so neither engine visits the table
 * rows, and no id is read (the graph needs only the ends; the key pages as well).
 */
const CURRENT_EDGES_AFTER = new QueryTemplate(4, (db, source: string, type: string, target: string, limit: number) =>
  db
    .selectFrom('relation_versions')
    .select(['type', 'source_id', 'target_id'])
    .where('rev_to', 'is', null)
    .where(sql<boolean>`(source_id, type, target_id) > (${source}, ${type}, ${target})`)
    .orderBy('source_id')
    .orderBy('type')
    .orderBy('target_id')
    .limit(limit),
);

/** The SQL of `relation_versions`: relationships by key, by end and by type, as of any revision, and their writes. */
export class RelationRepository {
  private readonly db: Kysely<Database>;

  constructor(private readonly target: BulkTarget) {
    this.db = target.db;
  }

  async getRelationsByKey(keys: RelationKey[], at?: number): Promise<RelationVersion[]> {
    const bySource = new Set(keys.map((k) => k.sourceId));
    const wanted = new Set(keys.map((k) => `${k.type}\u0000${k.sourceId}\u0000${k.targetId}`));
    const candidates = await this.relationVersionsByEnd('source_id', [...bySource], at);
    return candidates.filter((r) => wanted.has(`${r.type}\u0000${r.sourceId}\u0000${r.targetId}`));
  }

  async currentRelationsBySource(sourceIds: string[], withHashes: boolean): Promise<SourceRelations[]> {
    const native = this.target.native;
    if (native) return relationsBySourceSqlite(this.db, native, sourceIds, withHashes);
    const unique = [...new Set(sourceIds)];
    if (unique.length === 0) return [];
    const text = withHashes ? RELATIONS_BY_SOURCE_PG_WITH_HASHES : RELATIONS_BY_SOURCE_PG;
    nameStatement(text);
    const { rows } = await this.db.executeQuery(withArrayRows(CompiledQuery.raw(text, [unique])));
    return (rows as [string, string, string | null][]).map(([sourceId, keys, hashes]) => ({
      sourceId,
      keys,
      hashes: hashes ?? '',
    }));
  }

  async getRelationsTouching(ciIds: string[], at?: number): Promise<RelationVersion[]> {
    const seen = new Set<string>();
    const out: RelationVersion[] = [];
    for (const r of [
      ...(await this.relationVersionsByEnd('source_id', ciIds, at)),
      ...(await this.relationVersionsByEnd('target_id', ciIds, at)),
    ]) {
      if (!seen.has(r.id)) {
        seen.add(r.id);
        out.push(r);
      }
    }
    return out;
  }

  async listRelations(query: {
    type?: string;
    limit: number;
    afterId?: string;
    at?: number;
  }): Promise<RelationVersion[]> {
    let base = this.db.selectFrom('relation_versions').selectAll();
    if (query.type) base = base.where('type', '=', query.type);
    if (query.afterId) base = base.where('id', '>', query.afterId);
    base = base.orderBy('id').limit(query.limit);
    const rows = await selectLive(base, query.at);
    rows.sort((a, b) => compareText(a.id, b.id));
    return rows.slice(0, query.limit).map(rowToRelation);
  }

  /** Every current relationship's type and ends, a page at a time in (source, type, target) order, as arrays. */
  async *scanCurrentRelations(pageSize: number): AsyncIterable<Edge[]> {
    let after = ['', '', ''];
    for (;;) {
      const query = CURRENT_EDGES_AFTER.with(this.db, after[1]!, after[0]!, after[2]!, pageSize);
      const rows = (await rowArrays(this.db, this.target.native, query)) as string[][];
      if (rows.length === 0) return;
      // Columns in the select's order: type, source_id, target_id.
      yield rows.map((r) => ({ type: r[0]!, sourceId: r[1]!, targetId: r[2]! }));
      after = rows[rows.length - 1]!;
    }
  }

  /** The same relationships as texts, a page each, for the graph's load (edge-texts.ts). */
  scanCurrentEdgeTexts(pageSize: number): AsyncIterable<string> {
    return scanCurrentEdgeTexts(this.db, this.target.native, pageSize);
  }

  async endRelationVersions(versions: readonly VersionKey[], rev: number): Promise<void> {
    await endVersions(this.target, 'relation_versions', versions, rev);
  }

  async insertRelationVersions(rows: RelationVersion[]): Promise<void> {
    await insertVersionsOf(this.target, 'relation_versions', rows, RELATION_ROWS, 'one of these relationships');
  }

  /** Relationships live at `at` with their source (or target) among `ids`. */
  private async relationVersionsByEnd(
    end: 'source_id' | 'target_id',
    ids: string[],
    at?: number,
  ): Promise<RelationVersion[]> {
    const out: RelationVersion[] = [];
    for (const part of chunks([...new Set(ids)], IN_CHUNK)) {
      out.push(
        ...(await selectLive(this.db.selectFrom('relation_versions').selectAll().where(end, 'in', part), at)).map(
          lazyRelation,
        ),
      );
    }
    return out;
  }
}

/**
 * SQLite: each source's current relationships read along the current-row index, which gives
 * them in (type, target) order (no sort), and concatenated; the sources bound as one JSON array,
 * the rows read as arrays on the driver itself (a re-import sends a few thousand sources per
 * batch: no IN list to compile, no object per row). The hashes read the table's rows, so only
 * when asked. SQLite compares text bytewise, i.e. by code point.
 */
async function relationsBySourceSqlite(
  db: Kysely<Database>,
  native: BetterSqlite3.Database,
  sourceIds: string[],
  withHashes: boolean,
): Promise<SourceRelations[]> {
  const query = CompiledQuery.raw(withHashes ? RELATIONS_BY_SOURCE_WITH_HASHES : RELATIONS_BY_SOURCE, [
    JSON.stringify([...new Set(sourceIds)]),
  ]);
  const rows = (await rowArrays(db, native, query)) as [string, string | null, string | null][];
  const out: SourceRelations[] = [];
  for (const [sourceId, keys, hashes] of rows) if (keys !== null) out.push({ sourceId, keys, hashes: hashes ?? '' });
  return out;
}

/** One source's current relationships as a text: `value` of each, in (type, target) order. */
const ofSource = (value: string, columns: string) =>
  `(select group_concat(${value}, char(30)) from (select ${columns} from relation_versions r
     where r.source_id = j.value and r.rev_to is null order by r.type, r.target_id))`;
/**
 * The keys alone, read straight along `ux_rel_current` without the ordered subquery's co-routine
 * (about a fifth of the read's time): the index gives them in (type, target) order. SQLite does not
 * promise an order without ORDER BY, and none is needed for a right answer: a text in another
 * order only sends its source to the screen's one-by-one look-up. With hashes, the two texts must
 * pair up element by element, so both are ordered.
 */
const KEYS_ALONG_INDEX = `(select group_concat(type || char(31) || target_id, char(30)) from relation_versions r
     where r.source_id = j.value and r.rev_to is null)`;
const KEYS = ofSource('type || char(31) || target_id', 'type, target_id');
const RELATIONS_BY_SOURCE = `select j.value, ${KEYS_ALONG_INDEX}, null from json_each(?) j`;
const RELATIONS_BY_SOURCE_WITH_HASHES = `select j.value, ${KEYS}, ${ofSource('hash', 'type, target_id, hash')} from json_each(?) j`;

/**
 * PostgreSQL: each source's current relationships as the same texts, ordered by code point
 * whatever the database's collation (COLLATE "C"); every source bound in ONE array, its
 * relationships aggregated by a LATERAL subquery on the current-row index (source first), which
 * cannot become a join: one probe a source whatever the statistics (as byRefsPg, ci-refs.ts). An `in`
 * list of 500 sources at a time took about four statements for a re-import's batch of 5 000
 * relationships (233 for the bench's 100 000 CIs), each compiled by the process and parsed and
 * bound by the server. As a join grouped by source, the first five executions on each connection
 * of an analysed table hashed it whole and sorted the batch's rows: 132–139 ms a batch at 100 000
 * CIs, against 35–38 ms now. `source_id = any($1)` was planned as badly. Two fixed texts: named
 * prepared statements, rows as arrays; a source without relationships answers no row.
 */
const BY_TYPE_AND_TARGET = 'order by r.type collate "C", r.target_id collate "C"';
const relationsBySourcePg = (hashes: string) => `select s.id, k.keys, k.hashes from unnest($1::text[]) as s(id)
  cross join lateral (select string_agg(r.type || chr(31) || r.target_id, chr(30) ${BY_TYPE_AND_TARGET}) as keys,
    ${hashes} as hashes from relation_versions r where r.source_id = s.id and r.rev_to is null) k
  where k.keys is not null`;
const RELATIONS_BY_SOURCE_PG = relationsBySourcePg('null');
const RELATIONS_BY_SOURCE_PG_WITH_HASHES = relationsBySourcePg(`string_agg(r.hash, chr(30) ${BY_TYPE_AND_TARGET})`);
