import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { CiRef } from '../core/ci/desired-state.js';
import type { CiVersion, RelationVersion } from '../core/ci/ci.types.js';
import type { ModelVersion } from '../core/model/model-version.types.js';
import type { ChangedVersions, CiFilter, CiQuery, CmdbReader, RelationKey, RevisionWrites } from '../core/ports/cmdb-store.port.js';
import type { Baseline, Revision } from '../core/revision/revision.types.js';
import type { Engine } from './engine.js';
import { chunks, rowToBaseline, rowToCi, rowToModel, rowToRelation, rowToRevision } from './conversion.js';
import { lazyCi, lazyRelation } from './lazy-rows.js';
import type { Database } from './database.js';

/** Largest IN-list we bind at once: far under SQLite's 32 766 and PostgreSQL's 65 535 parameters. */
export const IN_CHUNK = 500;

type Versioned = 'ci_versions' | 'relation_versions' | 'model_versions';

/**
 * Read queries of the CMDB, shared by both engines. Every as-of read is split into a query on
 * current rows and one on past rows, so that each can use its partial index.
 */
export class CmdbQueries implements CmdbReader {
  constructor(
    protected readonly db: Kysely<Database>,
    readonly engine: Engine,
  ) {}

  async head(): Promise<Revision | undefined> {
    const row = await this.db.selectFrom('revisions').selectAll().orderBy('rev', 'desc').limit(1).executeTakeFirst();
    return row && rowToRevision(row);
  }

  async getRevision(rev: number): Promise<Revision | undefined> {
    const row = await this.db.selectFrom('revisions').selectAll().where('rev', '=', rev).executeTakeFirst();
    return row && rowToRevision(row);
  }

  async revisionOfChange(changeId: string): Promise<Revision | undefined> {
    const row = await this.db.selectFrom('revisions').selectAll().where('change_id', '=', changeId).orderBy('rev', 'desc').limit(1).executeTakeFirst();
    return row && rowToRevision(row);
  }

  async revisionAtTime(iso: string): Promise<Revision | undefined> {
    const row = await this.db.selectFrom('revisions').selectAll().where('at', '<=', iso).orderBy('rev', 'desc').limit(1).executeTakeFirst();
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

  /** Revisions that wrote or ended a version of the CI or of a relationship touching it. */
  private async revisionsTouching(ciId: string): Promise<number[]> {
    const versions = await this.db.selectFrom('ci_versions').select(['rev_from', 'rev_to']).where('id', '=', ciId).execute();
    const relations = await this.relationVersionsTouching([ciId]);
    const revs = new Set<number>();
    for (const v of [...versions, ...relations.map((r) => ({ rev_from: r.revFrom, rev_to: r.revTo }))]) {
      revs.add(v.rev_from);
      if (v.rev_to !== null) revs.add(v.rev_to);
    }
    return [...revs].sort((a, b) => b - a).slice(0, 5000);
  }

  async getCisByRef(refs: CiRef[], at?: number): Promise<CiVersion[]> {
    // Grouped in place: copying the list per ref made a 10 000-ref lookup quadratic.
    const byClass = new Map<string, string[]>();
    for (const r of refs) {
      const names = byClass.get(r.class);
      if (names) names.push(r.name);
      else byClass.set(r.class, [r.name]);
    }
    const out: CiVersion[] = [];
    for (const [cls, names] of byClass) {
      for (const part of chunks([...new Set(names)], IN_CHUNK)) {
        const base = this.db.selectFrom('ci_versions').selectAll().where('class', '=', cls).where('name', 'in', part);
        out.push(...(await this.live(base, at)).map(lazyCi));
      }
    }
    return out;
  }

  async getCisById(ids: string[], at?: number): Promise<CiVersion[]> {
    const out: CiVersion[] = [];
    for (const part of chunks([...new Set(ids)], IN_CHUNK)) {
      const base = this.db.selectFrom('ci_versions').selectAll().where('id', 'in', part);
      out.push(...(await this.live(base, at)).map(lazyCi));
    }
    return out;
  }

  async getLatestCisById(ids: string[]): Promise<CiVersion[]> {
    const out: CiVersion[] = [];
    for (const part of chunks([...new Set(ids)], IN_CHUNK)) {
      const rows = await this.db.selectFrom('ci_versions').selectAll().where('id', 'in', part).orderBy('id').orderBy('rev_from', 'desc').execute();
      let last = '';
      for (const r of rows) {
        if (r.id !== last) out.push(rowToCi(r));
        last = r.id;
      }
    }
    return out;
  }

  async getLatestCiByRef(ref: CiRef): Promise<CiVersion | undefined> {
    const current = await this.db.selectFrom('ci_versions').selectAll().where('class', '=', ref.class).where('name', '=', ref.name).where('rev_to', 'is', null).executeTakeFirst();
    if (current) return rowToCi(current);
    const past = await this.db
      .selectFrom('ci_versions')
      .selectAll()
      .where('class', '=', ref.class)
      .where('name', '=', ref.name)
      .where('rev_to', 'is not', null)
      .orderBy('rev_from', 'desc')
      .limit(1)
      .executeTakeFirst();
    return past && rowToCi(past);
  }

  async listCis(query: CiQuery): Promise<CiVersion[]> {
    let base = this.filteredCis(query);
    if (query.after) {
      const { class: c, name: n } = query.after;
      base = base.where((eb) => eb.or([eb('class', '>', c), eb.and([eb('class', '=', c), eb('name', '>', n)])]));
    }
    base = base.orderBy('class').orderBy('name').limit(query.limit);
    const rows = await this.live(base.selectAll(), query.at);
    rows.sort((a, b) => (a.class === b.class ? cmp(a.name, b.name) : cmp(a.class, b.class)));
    return rows.slice(0, query.limit).map(rowToCi);
  }

  async countCis(filter: CiFilter = {}): Promise<number> {
    const count = async (q: SelectQueryBuilder<Database, 'ci_versions', object>) =>
      Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const base = this.filteredCis(filter);
    const { at } = filter;
    if (at === undefined) return count(base.where('rev_to', 'is', null));
    return (
      (await count(base.where('rev_to', 'is', null).where('rev_from', '<=', at))) +
      (await count(base.where('rev_to', 'is not', null).where('rev_from', '<=', at).where('rev_to', '>', at)))
    );
  }

  /** CI versions matching a filter's class, status, source, label and attribute conditions (not yet its revision). */
  private filteredCis(filter: CiFilter) {
    let base = this.db.selectFrom('ci_versions');
    if (filter.classes) base = base.where('class', 'in', filter.classes.length > 0 ? filter.classes : ['']);
    if (filter.statuses && filter.statuses.length > 0) base = base.where('status', 'in', filter.statuses);
    if (filter.source !== undefined) base = base.where('source', '=', filter.source);
    for (const [k, v] of Object.entries(filter.labels ?? {})) base = base.where(this.jsonText('labels', k), '=', v);
    for (const [k, v] of Object.entries(filter.attributes ?? {})) {
      if (v === null) base = base.where(this.jsonText('attributes', k), 'is', null);
      else base = base.where(this.jsonText('attributes', k), '=', String(v));
    }
    return base;
  }

  async getRelationsByKey(keys: RelationKey[], at?: number): Promise<RelationVersion[]> {
    const bySource = new Set(keys.map((k) => k.sourceId));
    const wanted = new Set(keys.map((k) => `${k.type}\u0000${k.sourceId}\u0000${k.targetId}`));
    const candidates = await this.relationVersionsFrom([...bySource], at);
    return candidates.filter((r) => wanted.has(`${r.type}\u0000${r.sourceId}\u0000${r.targetId}`));
  }

  async getRelationsTouching(ciIds: string[], at?: number): Promise<RelationVersion[]> {
    const seen = new Set<string>();
    const out: RelationVersion[] = [];
    for (const r of [...(await this.relationVersionsFrom(ciIds, at)), ...(await this.relationVersionsTo(ciIds, at))]) {
      if (!seen.has(r.id)) {
        seen.add(r.id);
        out.push(r);
      }
    }
    return out;
  }

  async listRelations(query: { type?: string; limit: number; afterId?: string; at?: number }): Promise<RelationVersion[]> {
    let base = this.db.selectFrom('relation_versions').selectAll();
    if (query.type) base = base.where('type', '=', query.type);
    if (query.afterId) base = base.where('id', '>', query.afterId);
    base = base.orderBy('id').limit(query.limit);
    const rows = await this.live(base, query.at);
    rows.sort((a, b) => cmp(a.id, b.id));
    return rows.slice(0, query.limit).map(rowToRelation);
  }

  async *scanCurrentCis(pageSize: number): AsyncIterable<Pick<CiVersion, 'id' | 'class' | 'name'>[]> {
    let after = '';
    for (;;) {
      const rows = await this.db.selectFrom('ci_versions').select(['id', 'class', 'name']).where('rev_to', 'is', null).where('id', '>', after).orderBy('id').limit(pageSize).execute();
      if (rows.length === 0) return;
      yield rows;
      after = rows[rows.length - 1]!.id;
    }
  }

  async *scanCurrentRelations(pageSize: number): AsyncIterable<Pick<RelationVersion, 'id' | 'type' | 'sourceId' | 'targetId'>[]> {
    let after = '';
    for (;;) {
      const rows = await this.db
        .selectFrom('relation_versions')
        .select(['id', 'type', 'source_id', 'target_id'])
        .where('rev_to', 'is', null)
        .where('id', '>', after)
        .orderBy('id')
        .limit(pageSize)
        .execute();
      if (rows.length === 0) return;
      yield rows.map((r) => ({ id: r.id, type: r.type, sourceId: r.source_id, targetId: r.target_id }));
      after = rows[rows.length - 1]!.id;
    }
  }

  async versionsChangedBetween(fromRev: number, toRev: number): Promise<ChangedVersions> {
    const before = <T extends 'ci_versions' | 'relation_versions'>(table: T) =>
      this.db
        .selectFrom(table as 'ci_versions')
        .selectAll()
        .where('rev_to', 'is not', null)
        .where('rev_to', '>', fromRev)
        .where('rev_to', '<=', toRev)
        .where('rev_from', '<=', fromRev)
        .execute();
    const after = <T extends 'ci_versions' | 'relation_versions'>(table: T) =>
      this.db
        .selectFrom(table as 'ci_versions')
        .selectAll()
        .where('rev_from', '>', fromRev)
        .where('rev_from', '<=', toRev)
        .where((eb) => eb.or([eb('rev_to', 'is', null), eb('rev_to', '>', toRev)]))
        .execute();
    return {
      cisBefore: (await before('ci_versions')).map(rowToCi),
      cisAfter: (await after('ci_versions')).map(rowToCi),
      relationsBefore: (await before('relation_versions')).map((r) => rowToRelation(r as never)),
      relationsAfter: (await after('relation_versions')).map((r) => rowToRelation(r as never)),
    };
  }

  async modelVersions(at?: number): Promise<ModelVersion[]> {
    let q = this.db.selectFrom('model_versions').selectAll();
    q = at === undefined ? q.where('rev_to', 'is', null) : q.where('rev_from', '<=', at).where((eb) => eb.or([eb('rev_to', 'is', null), eb('rev_to', '>', at)]));
    return (await q.orderBy('kind').orderBy('name').execute()).map(rowToModel);
  }

  async modelRevision(): Promise<number> {
    const row = await this.db
      .selectFrom('model_versions')
      .select((eb) => [eb.fn.max('rev_from').as('a'), eb.fn.max('rev_to').as('b')])
      .executeTakeFirst();
    return Math.max(Number(row?.a ?? 0), Number(row?.b ?? 0));
  }

  async getBaseline(name: string): Promise<Baseline | undefined> {
    const row = await this.db.selectFrom('baselines').selectAll().where('name', '=', name).executeTakeFirst();
    return row && rowToBaseline(row);
  }

  async listBaselines(): Promise<Baseline[]> {
    return (await this.db.selectFrom('baselines').selectAll().orderBy('rev', 'desc').orderBy('name').execute()).map(rowToBaseline);
  }

  async revisionWrites(rev: number): Promise<RevisionWrites> {
    const created = <T extends Versioned>(table: T) => this.db.selectFrom(table as 'ci_versions').selectAll().where('rev_from', '=', rev).execute();
    const ended = <T extends Versioned>(table: T) => this.db.selectFrom(table as 'ci_versions').selectAll().where('rev_to', '=', rev).execute();
    return {
      createdCis: (await created('ci_versions')).map(rowToCi),
      endedCis: (await ended('ci_versions')).map(rowToCi),
      createdRelations: (await created('relation_versions')).map((r) => rowToRelation(r as never)),
      endedRelations: (await ended('relation_versions')).map((r) => rowToRelation(r as never)),
      createdModel: (await created('model_versions')).map((r) => rowToModel(r as never)),
      endedModel: (await ended('model_versions')).map((r) => rowToModel(r as never)),
    };
  }

  private relationVersionsFrom(ids: string[], at?: number): Promise<RelationVersion[]> {
    return this.relationVersionsByEnd('source_id', ids, at);
  }

  private relationVersionsTo(ids: string[], at?: number): Promise<RelationVersion[]> {
    return this.relationVersionsByEnd('target_id', ids, at);
  }

  private async relationVersionsByEnd(end: 'source_id' | 'target_id', ids: string[], at?: number): Promise<RelationVersion[]> {
    const out: RelationVersion[] = [];
    for (const part of chunks([...new Set(ids)], IN_CHUNK)) {
      out.push(...(await this.live(this.db.selectFrom('relation_versions').selectAll().where(end, 'in', part), at)).map(lazyRelation));
    }
    return out;
  }

  /** Every version of the relationships touching these CIs, current and past. */
  private async relationVersionsTouching(ids: string[]): Promise<RelationVersion[]> {
    const rows = await this.db
      .selectFrom('relation_versions')
      .selectAll()
      .where((eb) => eb.or([eb('source_id', 'in', ids), eb('target_id', 'in', ids)]))
      .execute();
    return rows.map(rowToRelation);
  }

  /**
   * Runs a query restricted to the rows live at `at` (current rows when absent). For a past
   * revision it runs twice — current rows begun by then, and past rows spanning it — because an
   * OR across `rev_to IS NULL` would keep either partial index from being used.
   */
  private async live<T extends 'ci_versions' | 'relation_versions', R>(q: SelectQueryBuilder<Database, T, R>, at?: number): Promise<R[]> {
    const query = q as unknown as SelectQueryBuilder<Database, 'ci_versions', R>;
    if (at === undefined) return query.where('rev_to', 'is', null).execute();
    const current = await query.where('rev_to', 'is', null).where('rev_from', '<=', at).execute();
    const past = await query.where('rev_to', 'is not', null).where('rev_from', '<=', at).where('rev_to', '>', at).execute();
    return [...current, ...past];
  }

  /** A top-level key of a JSON column as text, in each engine's syntax. */
  private jsonText(column: 'labels' | 'attributes', key: string) {
    // PostgreSQL: jsonb ->> key. SQLite: json_extract with a quoted path so any key is safe; it
    // returns native types (1 for true), so spell booleans out and cast the rest to text, as ->> does.
    if (this.engine === 'postgres') return sql<string>`${sql.ref(column)} ->> ${key}`;
    const path = `$."${key.replaceAll('"', '""')}"`;
    const col = sql.ref(column);
    return sql<string>`(case json_type(${col}, ${path}) when 'true' then 'true' when 'false' then 'false' else cast(json_extract(${col}, ${path}) as text) end)`;
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
