import { CompiledQuery, sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { CiDigest, CiHash, CiVersion } from '../../../core/ci/ci.types.js';
import type { CiRef } from '../../../core/ci/desired-state.js';
import type { CiFacetCount, CiFilter, CiQuery, VersionKey } from '../../../core/cmdb/cmdb.port.js';
import { ciRow, rowToCi } from '../../conversion/cmdb.js';
import { lazyCi, lazyCiDigest, scannedCis } from '../../conversion/lazy-versions.js';
import { rowArrays } from './row-arrays.js';
import type { Database } from '../../database.js';
import type { Engine } from '../../engine.js';
import { chunks, IN_CHUNK } from '../batching.js';
import { compareText as cmp, selectLive } from './as-of.js';
import { endVersions } from './end-versions.js';
import { insertVersions, type BulkTarget } from './insert-versions.js';
import { jsonText } from './json-text.js';
import { nameStatement, QueryTemplate } from '../../query-template.js';
import { withArrayRows } from '../../array-rows.js';

/** A single-CI change reads its CI and ends its version: compiled once (query-template.ts). */
const CURRENT_BY_REF = new QueryTemplate(2, (db, cls: string, name: string) =>
  db
    .selectFrom('ci_versions')
    .selectAll()
    .where('class', '=', cls)
    .where('name', '=', name)
    .where('rev_to', 'is', null),
);
/**
 * A CI as of a past revision: the current version begun by then, or the past version spanning
 * it. One statement whose two branches each scan their own partial index (the two queries of
 * selectLive, in one round trip).
 */
const PAST_BY_REF = new QueryTemplate(
  7,
  (db, cls: string, name: string, at: number, pastCls: string, pastName: string, pastAt: number, endAt: number) =>
    db
      .selectFrom('ci_versions')
      .selectAll()
      .where('class', '=', cls)
      .where('name', '=', name)
      .where('rev_to', 'is', null)
      .where('rev_from', '<=', at)
      .unionAll(
        db
          .selectFrom('ci_versions')
          .selectAll()
          .where('class', '=', pastCls)
          .where('name', '=', pastName)
          .where('rev_to', 'is not', null)
          .where('rev_from', '<=', pastAt)
          .where('rev_to', '>', endAt),
      ),
);
/**
 * Ends one version, found by its whole primary key. By id alone, PostgreSQL with stale statistics
 * (after an import, before an ANALYZE) intersected the primary key with a scan of the whole
 * current-row index `ux_ci_current`, whose predicate `rev_to IS NULL` the query implies: 0.7 ms
 * at 20 000 CIs, growing with the CMDB (issue 14).
 */
const END_ONE = new QueryTemplate(3, (db, id: string, revFrom: number, rev: number) =>
  db
    .updateTable('ci_versions')
    .set({ rev_to: rev })
    .where('id', '=', id)
    .where('rev_from', '=', revFrom)
    .where('rev_to', 'is', null),
);

/** What a drift scan reads, in scannedCi's order: no attribute sources (a check never shows them). */
const SCANNED_CI_COLUMNS = [
  'id',
  'class',
  'name',
  'status',
  jsonText('attributes'),
  jsonText('labels'),
  'source',
  'hash',
  'rev_from',
  'rev_to',
] as const;

/** A page of the current CIs' ids and names after an id, in id order (the graph's load). */
const CURRENT_NAMES_AFTER = new QueryTemplate(2, (db, after: string, limit: number) =>
  db
    .selectFrom('ci_versions')
    .select(['id', 'class', 'name'])
    .where('rev_to', 'is', null)
    .where('id', '>', after)
    .orderBy('id')
    .limit(limit),
);

/**
 * PostgreSQL: the references of CIs by id, every id bound in ONE array (one round trip whatever
 * their number, where `in` lists go 500 at a time), each looked up on the primary key (id,
 * rev_from) by a nested loop over the array. Written as `id = any($1)` instead, the generic plan
 * of the past half scanned every past version and searched the array for each (180 ms for 2 400
 * ids at 20 000 CIs). Two fixed texts, so they run as named prepared statements, answered as row
 * arrays (array-rows.ts).
 */
const REFS_BY_ID = 'select v.id, v.class, v.name from unnest($1::text[]) as x(id) join ci_versions v on v.id = x.id';
const REFS_BY_ID_NOW = `${REFS_BY_ID} where v.rev_to is null`;
const REFS_BY_ID_AT = `${REFS_BY_ID} where v.rev_from <= $2 and (v.rev_to is null or v.rev_to > $2)`;

/**
 * The SQL of `ci_versions`: CIs by reference, id and filter, as of any revision, and the writes
 * that end and begin versions. Point and bulk lookups parse JSON columns lazily (lazyCi).
 */
export class CiRepository {
  private readonly db: Kysely<Database>;
  private readonly engine: Engine;

  constructor(private readonly target: BulkTarget) {
    this.db = target.db;
    this.engine = target.engine;
  }

  async getCisByRef(refs: CiRef[], at?: number): Promise<CiVersion[]> {
    if (refs.length === 1) {
      const [ref] = refs as [CiRef];
      const rows =
        at === undefined
          ? await CURRENT_BY_REF.execute(this.db, ref.class, ref.name)
          : await PAST_BY_REF.execute(this.db, ref.class, ref.name, at, ref.class, ref.name, at, at);
      return rows.map(lazyCi);
    }
    const out: CiVersion[] = [];
    for (const [cls, names] of namesByClass(refs)) {
      for (const part of chunks([...new Set(names)], IN_CHUNK)) {
        const base = this.db.selectFrom('ci_versions').selectAll().where('class', '=', cls).where('name', 'in', part);
        out.push(...(await selectLive(base, at)).map(lazyCi));
      }
    }
    return out;
  }

  async currentCiDigests(refs: CiRef[]): Promise<CiDigest[]> {
    const out: CiDigest[] = [];
    for (const [cls, names] of namesByClass(refs))
      for (const part of chunks([...new Set(names)], IN_CHUNK)) {
        const rows = await this.db
          .selectFrom('ci_versions')
          .select(['id', 'class', 'name', 'status', 'labels', 'source', 'rev_from', 'hash'])
          .where('class', '=', cls)
          .where('name', 'in', part)
          .where('rev_to', 'is', null)
          .execute();
        for (const r of rows) out.push(lazyCiDigest(r));
      }
    return out;
  }

  async currentCiHashes(refs: CiRef[]): Promise<CiHash[]> {
    const native = this.target.native;
    const out: CiHash[] = [];
    for (const [cls, names] of namesByClass(refs)) {
      if (native) {
        // SQLite: the names bound as one JSON array, the rows read as arrays on the driver itself
        // (a re-import asks for 5 000 per batch: no IN list to compile, no object per row).
        const query = CompiledQuery.raw(CI_HASHES, [JSON.stringify([...new Set(names)]), cls]);
        const rows = (await rowArrays(this.db, native, query)) as [string, string, string][];
        for (const [id, name, hash] of rows) out.push({ id, class: cls, name, hash });
        continue;
      }
      for (const part of chunks([...new Set(names)], IN_CHUNK)) {
        const rows = await this.db
          .selectFrom('ci_versions')
          .select(['id', 'name', 'hash'])
          .where('class', '=', cls)
          .where('name', 'in', part)
          .where('rev_to', 'is', null)
          .execute();
        for (const r of rows) out.push({ id: r.id, class: cls, name: r.name, hash: r.hash });
      }
    }
    return out;
  }

  async getCisById(ids: string[], at?: number): Promise<CiVersion[]> {
    const out: CiVersion[] = [];
    for (const part of chunks([...new Set(ids)], IN_CHUNK)) {
      const base = this.db.selectFrom('ci_versions').selectAll().where('id', 'in', part);
      out.push(...(await selectLive(base, at)).map(lazyCi));
    }
    return out;
  }

  async getCiRefsById(ids: string[], at?: number): Promise<Pick<CiVersion, 'id' | 'class' | 'name'>[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    // Engine check (array parameter): PostgreSQL binds the ids as one array in one statement;
    // SQLite has no array parameters, and its queries are function calls: chunks of `in`.
    if (this.engine === 'postgres') {
      const text = at === undefined ? REFS_BY_ID_NOW : REFS_BY_ID_AT;
      nameStatement(text);
      const query = CompiledQuery.raw(text, at === undefined ? [unique] : [unique, at]);
      const { rows } = await this.db.executeQuery(withArrayRows(query));
      return rows.map((r) => ({ id: r[0] as string, class: r[1] as string, name: r[2] as string }));
    }
    const out: Pick<CiVersion, 'id' | 'class' | 'name'>[] = [];
    for (const part of chunks(unique, IN_CHUNK))
      out.push(
        ...(await selectLive(
          this.db.selectFrom('ci_versions').select(['id', 'class', 'name']).where('id', 'in', part),
          at,
        )),
      );
    return out;
  }

  async getLatestCisById(ids: string[]): Promise<CiVersion[]> {
    const out: CiVersion[] = [];
    for (const part of chunks([...new Set(ids)], IN_CHUNK)) {
      const rows = await this.db
        .selectFrom('ci_versions')
        .selectAll()
        .where('id', 'in', part)
        .orderBy('id')
        .orderBy('rev_from', 'desc')
        .execute();
      let last = '';
      for (const r of rows) {
        if (r.id !== last) out.push(rowToCi(r));
        last = r.id;
      }
    }
    return out;
  }

  async getLatestCiByRef(ref: CiRef): Promise<CiVersion | undefined> {
    const current = await this.db
      .selectFrom('ci_versions')
      .selectAll()
      .where('class', '=', ref.class)
      .where('name', '=', ref.name)
      .where('rev_to', 'is', null)
      .executeTakeFirst();
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
    const rows = await selectLive(base.selectAll(), query.at);
    rows.sort((a, b) => (a.class === b.class ? cmp(a.name, b.name) : cmp(a.class, b.class)));
    return rows.slice(0, query.limit).map(rowToCi);
  }

  async countCisByClass(): Promise<{ class: string; count: number }[]> {
    const rows = await this.db
      .selectFrom('ci_versions')
      .select((eb) => ['class', eb.fn.countAll<number | string | bigint>().as('n')])
      .where('rev_to', 'is', null)
      .groupBy('class')
      .orderBy('class')
      .execute();
    return rows.map((r) => ({ class: r.class, count: Number(r.n) }));
  }

  async countCisByFacets(at?: number): Promise<CiFacetCount[]> {
    const environment = this.jsonMember('attributes', 'environment');
    let live = this.db.selectFrom('ci_versions');
    live =
      at === undefined
        ? live.where('rev_to', 'is', null)
        : live.where('rev_from', '<=', at).where((eb) => eb.or([eb('rev_to', 'is', null), eb('rev_to', '>', at)]));
    const rows = await live
      .select((eb) => [
        'class',
        'status',
        environment.as('environment'),
        eb.fn.countAll<number | string | bigint>().as('n'),
      ])
      // By position: PostgreSQL takes the key of `->>` as a parameter, so the select's and the group's would differ.
      .groupBy([sql`1`, sql`2`, sql`3`])
      .execute();
    return rows.map((r) => ({
      class: r.class,
      status: r.status,
      environment: r.environment ?? null,
      count: Number(r.n),
    }));
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

  /** Every current CI's id and name, a page at a time in id order, read as arrays (rowArrays). */
  async *scanCurrentCis(pageSize: number): AsyncIterable<Pick<CiVersion, 'id' | 'class' | 'name'>[]> {
    let after = '';
    for (;;) {
      const rows = await rowArrays(this.db, this.target.native, CURRENT_NAMES_AFTER.with(this.db, after, pageSize));
      if (rows.length === 0) return;
      // Columns in the select's order: id, class, name.
      yield rows.map((r) => ({ id: r[0] as string, class: r[1] as string, name: r[2] as string }));
      after = rows[rows.length - 1]![0] as string;
    }
  }

  /**
   * Drift's comparison scan: CIs of these classes or written by these sources, as of `at`, in
   * pages ordered by (class, name). Current rows and past rows each use their own partial index
   * on (class, name); a row live at `at` is a current row begun by then or a past row spanning it.
   * Rows are read as arrays with their JSON as text, parsed only when read (scannedCis), and the
   * next page is asked for before this one is handed over (on PostgreSQL the server reads it
   * meanwhile).
   */
  async *scanCis(query: {
    classes: string[];
    sources: string[];
    at?: number;
    pageSize: number;
  }): AsyncIterable<CiVersion[]> {
    const parts = query.at === undefined ? ['current' as const] : (['current', 'past'] as const);
    const toCi = scannedCis();
    for (const part of parts) {
      let next = this.scanPage(query, part, undefined);
      for (;;) {
        const rows = await next;
        const last = rows[rows.length - 1];
        const more = rows.length === query.pageSize && last !== undefined;
        if (more) {
          next = this.scanPage(query, part, { class: last[1] as string, name: last[2] as string });
          // Handled here too: a reader that stops early never awaits it.
          next.catch(() => undefined);
        }
        if (rows.length > 0) yield rows.map(toCi);
        if (!more) break;
      }
    }
  }

  private scanPage(
    query: { classes: string[]; sources: string[]; at?: number; pageSize: number },
    part: 'current' | 'past',
    after: CiRef | undefined,
  ): Promise<unknown[][]> {
    let q = this.db
      .selectFrom('ci_versions')
      .select([...SCANNED_CI_COLUMNS])
      .where((eb) =>
        eb.or([
          eb('class', 'in', query.classes.length > 0 ? query.classes : ['']),
          eb('source', 'in', query.sources.length > 0 ? query.sources : ['']),
        ]),
      );
    if (part === 'current') q = q.where('rev_to', 'is', null);
    else q = q.where('rev_to', 'is not', null).where('rev_to', '>', query.at!);
    if (query.at !== undefined) q = q.where('rev_from', '<=', query.at);
    if (after) q = q.where(sql<boolean>`(class, name) > (${after.class}, ${after.name})`);
    return rowArrays(this.db, this.target.native, q.orderBy('class').orderBy('name').limit(query.pageSize).compile());
  }

  /** Every ended version of these CIs (drift compares an observation with their past). */
  async pastVersions(ciIds: string[]): Promise<CiVersion[]> {
    const out: CiVersion[] = [];
    for (const part of chunks([...new Set(ciIds)], IN_CHUNK)) {
      const rows = await this.db
        .selectFrom('ci_versions')
        .selectAll()
        .where('rev_to', 'is not', null)
        .where('id', 'in', part)
        .execute();
      out.push(...rows.map(rowToCi));
    }
    return out;
  }

  /** Every ended version written under these names. */
  async pastVersionsByRef(refs: CiRef[]): Promise<CiVersion[]> {
    const byClass = new Map<string, string[]>();
    for (const r of refs) byClass.set(r.class, [...(byClass.get(r.class) ?? []), r.name]);
    const out: CiVersion[] = [];
    for (const [cls, names] of byClass) {
      for (const part of chunks([...new Set(names)], IN_CHUNK)) {
        const rows = await this.db
          .selectFrom('ci_versions')
          .selectAll()
          .where('rev_to', 'is not', null)
          .where('class', '=', cls)
          .where('name', 'in', part)
          .execute();
        out.push(...rows.map(rowToCi));
      }
    }
    return out;
  }

  async endCiVersions(versions: readonly VersionKey[], rev: number): Promise<void> {
    if (versions.length === 1) return void (await END_ONE.execute(this.db, versions[0]!.id, versions[0]!.revFrom, rev));
    await endVersions(this.target, 'ci_versions', versions, rev);
  }

  async insertCiVersions(rows: CiVersion[]): Promise<void> {
    if (rows.length > 0)
      await insertVersions(
        this.target,
        'ci_versions',
        rows.map(ciRow),
        'a current CI with one of these class/name pairs',
      );
  }

  /** CI versions matching a filter's class, status, source, label and attribute conditions (not yet its revision). */
  private filteredCis(filter: CiFilter) {
    let base = this.db.selectFrom('ci_versions');
    if (filter.classes) base = base.where('class', 'in', filter.classes.length > 0 ? filter.classes : ['']);
    if (filter.statuses && filter.statuses.length > 0) base = base.where('status', 'in', filter.statuses);
    if (filter.source !== undefined) base = base.where('source', '=', filter.source);
    for (const [k, v] of Object.entries(filter.labels ?? {})) base = base.where(this.jsonMember('labels', k), '=', v);
    for (const k of filter.labelKeys ?? []) base = base.where(this.jsonMember('labels', k), 'is not', null);
    if (filter.nameContains !== undefined && filter.nameContains !== '') {
      // LIKE's own wildcards in the text are matched as themselves (escaped with a backslash).
      const text = filter.nameContains.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
      base = base.where(sql<boolean>`lower(name) like ${`%${text}%`} escape '\\'`);
    }
    for (const [k, v] of Object.entries(filter.attributes ?? {})) {
      if (v === null) base = base.where(this.jsonMember('attributes', k), 'is', null);
      else base = base.where(this.jsonMember('attributes', k), '=', String(v));
    }
    return base;
  }

  /** A top-level key of a JSON column as text, in each engine's syntax. */
  private jsonMember(column: 'labels' | 'attributes', key: string) {
    // PostgreSQL: jsonb ->> key. SQLite: json_extract with a quoted path so any key is safe; it
    // returns native types (1 for true), so spell booleans out and cast the rest to text, as ->> does.
    if (this.engine === 'postgres') return sql<string>`${sql.ref(column)} ->> ${key}`;
    // Inside a quoted label SQLite reads `\` as an escape: a key ending in a backslash made the path
    // malformed (a 500), and `\"` was not the key asked for. Escape both so any key is matched as is.
    const path = `$."${key.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
    const col = sql.ref(column);
    // SQLite's JSON functions fail on text nested more than 1 000 levels ("malformed JSON"): one
    // such row, stored before inputs were bounded, made every query fail. It matches nothing instead.
    return sql<string>`(case when not json_valid(${col}) then null when json_type(${col}, ${path}) = 'true' then 'true' when json_type(${col}, ${path}) = 'false' then 'false' else cast(json_extract(${col}, ${path}) as text) end)`;
  }
}

/** The names of these references by class (grouped in place: copying the list per ref made a 10 000-ref lookup quadratic). */
function namesByClass(refs: CiRef[]): Map<string, string[]> {
  const byClass = new Map<string, string[]>();
  for (const r of refs) {
    const names = byClass.get(r.class);
    if (names) names.push(r.name);
    else byClass.set(r.class, [r.name]);
  }
  return byClass;
}

/**
 * SQLite: the current CIs named in a JSON array (first parameter) of one class (second), one probe
 * of the current-row index each. CROSS JOIN keeps the names as the outer loop: with a plain join
 * the planner scanned the class's whole range of the index for every name (minutes at 100 000).
 */
const CI_HASHES = `select c.id, c.name, c.hash from json_each(?) j
  cross join ci_versions c on c.class = ? and c.name = j.value and c.rev_to is null`;
