import { sql, type ExpressionBuilder, type SelectQueryBuilder } from 'kysely';
import type { CiVersion } from '../../../core/ci/ci.types.js';
import type { CiFacetCount, CiFilter, CiQuery } from '../../../core/cmdb/cmdb.port.js';
import { rowToCi } from '../../conversion/cmdb.js';
import type { Database } from '../../database.js';
import { compareText as cmp, selectLive } from './as-of.js';
import type { BulkTarget } from './insert-versions.js';
import { jsonMember } from './json-member.js';

/** A page of the CIs matching a filter as of `at`, in (class, name) order after `query.after`. */
export async function listCis(on: BulkTarget, query: CiQuery): Promise<CiVersion[]> {
  let base = filteredCis(on, query);
  if (query.after) base = base.where(afterCi(query.after));
  base = base.orderBy('class').orderBy('name').limit(query.limit);
  const rows = await selectLive(base.selectAll(), query.at);
  rows.sort((a, b) => (a.class === b.class ? cmp(a.name, b.name) : cmp(a.class, b.class)));
  return rows.slice(0, query.limit).map(rowToCi);
}

/**
 * CI versions after `after` in (class, name) order, as one row comparison, which both engines
 * read as a range of the (class, name) indexes. Spelt out as `class > c or (class = c and name >
 * n)`, SQLite scanned the index from its start on every page: each page of an export or a list
 * cost more than the one before it (66 ns an entry passed over; about 16 s more for an export of a
 * million CIs, issue 14).
 */
export function afterCi(after: { class: string; name: string }) {
  return (eb: ExpressionBuilder<Database, 'ci_versions'>) =>
    eb(eb.refTuple('class', 'name'), '>', eb.tuple(after.class, after.name));
}

export async function countCisByClass({ db }: BulkTarget): Promise<{ class: string; count: number }[]> {
  const rows = await db
    .selectFrom('ci_versions')
    .select((eb) => ['class', eb.fn.countAll<number | string | bigint>().as('n')])
    .where('rev_to', 'is', null)
    .groupBy('class')
    .orderBy('class')
    .execute();
  return rows.map((r) => ({ class: r.class, count: Number(r.n) }));
}

export async function countCisByFacets({ db, engine }: BulkTarget, at?: number): Promise<CiFacetCount[]> {
  const environment = jsonMember(engine, 'attributes', 'environment');
  let live = db.selectFrom('ci_versions');
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

export async function countCis(on: BulkTarget, filter: CiFilter = {}): Promise<number> {
  const count = async (q: SelectQueryBuilder<Database, 'ci_versions', object>) =>
    Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const base = filteredCis(on, filter);
  const { at } = filter;
  if (at === undefined) return count(base.where('rev_to', 'is', null));
  return (
    (await count(base.where('rev_to', 'is', null).where('rev_from', '<=', at))) +
    (await count(base.where('rev_to', 'is not', null).where('rev_from', '<=', at).where('rev_to', '>', at)))
  );
}

/** CI versions matching a filter's class, status, source, label and attribute conditions (not yet its revision). */
function filteredCis({ db, engine }: BulkTarget, filter: CiFilter) {
  let base = db.selectFrom('ci_versions');
  if (filter.classes) base = base.where('class', 'in', filter.classes.length > 0 ? filter.classes : ['']);
  if (filter.statuses && filter.statuses.length > 0) base = base.where('status', 'in', filter.statuses);
  if (filter.source !== undefined) base = base.where('source', '=', filter.source);
  for (const [k, v] of Object.entries(filter.labels ?? {})) base = base.where(jsonMember(engine, 'labels', k), '=', v);
  for (const k of filter.labelKeys ?? []) base = base.where(jsonMember(engine, 'labels', k), 'is not', null);
  if (filter.nameContains !== undefined && filter.nameContains !== '') {
    // LIKE's own wildcards in the text are matched as themselves (escaped with a backslash).
    const text = filter.nameContains.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
    base = base.where(sql<boolean>`lower(name) like ${`%${text}%`} escape '\\'`);
  }
  for (const [k, v] of Object.entries(filter.attributes ?? {})) {
    if (v === null) base = base.where(jsonMember(engine, 'attributes', k), 'is', null);
    else base = base.where(jsonMember(engine, 'attributes', k), '=', String(v));
  }
  return base;
}
