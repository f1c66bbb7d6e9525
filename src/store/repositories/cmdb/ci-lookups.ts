import { CompiledQuery } from 'kysely';
import type { CiVersion } from '../../../core/ci/ci.types.js';
import type { CiRef } from '../../../core/ci/desired-state.js';
import { rowToCi } from '../../conversion/cmdb.js';
import { lazyCi, lazyCiWithText } from '../../conversion/lazy-versions.js';
import { chunks, IN_CHUNK } from '../batching.js';
import { selectLive } from './as-of.js';
import { byRefsPg, ciNameOfRow, idChunks, nameChunksByClass, OF_REF, refArrays, type CiName } from './ci-refs.js';
import type { BulkTarget } from './insert-versions.js';
import type { CiVersionRow } from './cmdb.table.js';
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
 * PostgreSQL: the references of CIs by id, every id bound in ONE array (one round trip whatever
 * their number, where `in` lists go 500 at a time), each looked up on the primary key (id,
 * rev_from) by a LATERAL subquery that cannot be flattened (`offset 0`): one probe an id whatever
 * the statistics (as byRefsPg, ci-refs.ts). Written as `id = any($1)`, the generic plan of the past half
 * scanned every past version and searched the array for each (180 ms for 2 400 ids at 20 000
 * CIs); as a plain join, the first plans on an analysed table hashed all of it. Two fixed texts,
 * so they run as named prepared statements, answered as row arrays (array-rows.ts).
 */
const refsById = (live: string) => `select v.id, v.class, v.name from unnest($1::text[]) as x(id)
  cross join lateral (select c.id, c.class, c.name from ci_versions c where c.id = x.id and ${live} offset 0) v`;
const REFS_BY_ID_NOW = refsById('c.rev_to is null');
const REFS_BY_ID_AT = refsById('c.rev_from <= $2 and (c.rev_to is null or c.rev_to > $2)');

/**
 * PostgreSQL: CIs by reference, every reference of the call in ONE statement (refArrays), each
 * pair looked up by a LATERAL subquery (byRefsPg): on the current-row index (now) or, as
 * of a past revision, on it and on the past versions' (class, name, rev_from) index, the two
 * branches of selectLive in one round trip. An import reads the CIs its records change this way,
 * a change's plan and assessment the CIs they touch: `in` lists took a statement per class and 500
 * names, each planned anew (issue 14).
 */
const CIS_BY_REF_NOW_PG = byRefsPg(`select * ${OF_REF} and c.rev_to is null offset 0`);
const CIS_BY_REF_AT_PG = byRefsPg(`select * ${OF_REF} and c.rev_to is null and c.rev_from <= $3
    union all select * ${OF_REF} and c.rev_to is not null and c.rev_from <= $3 and c.rev_to > $3`);

/**
 * SQLite, outside a transaction: the current version by reference, read on the driver at once.
 * Kysely's path (the connection's mutex, its executor and their promises) cost as much again as
 * the read itself, most of what Cairn added to the API's GET of one CI after the bare route
 * (issue 14). The read is synchronous, so it runs between any other statements, never inside
 * one, and only when no transaction is open on the connection: one is (a write waiting between
 * its statements) and the read takes Kysely's path, waiting for the write to end as before —
 * unless the read is that write's own (`writing`), which holds the connection.
 */
function currentByRefNow({ db, native, writing }: BulkTarget, ref: CiRef): Promise<CiVersionRow[]> | CiVersionRow[] {
  if (!native || (native.inTransaction && !writing)) return CURRENT_BY_REF.execute(db, ref.class, ref.name);
  return CURRENT_BY_REF.runOn(native, db, ref.class, ref.name);
}

/** CIs by reference as of `at` (now when absent), their JSON parsed only when read (lazyCi). */
export async function getCisByRef(target: BulkTarget, refs: CiRef[], at?: number): Promise<CiVersion[]> {
  const { db } = target;
  if (refs.length === 1) {
    const [ref] = refs as [CiRef];
    const rows =
      at === undefined
        ? await currentByRefNow(target, ref)
        : await PAST_BY_REF.execute(db, ref.class, ref.name, at, ref.class, ref.name, at, at);
    return rows.map((r) => lazyCiWithText(r));
  }
  if (target.engine === 'postgres') {
    if (refs.length === 0) return [];
    const text = at === undefined ? CIS_BY_REF_NOW_PG : CIS_BY_REF_AT_PG;
    nameStatement(text);
    const [classes, names] = refArrays(refs);
    const query = CompiledQuery.raw(text, at === undefined ? [classes, names] : [classes, names, at]);
    const { rows } = await db.executeQuery(query);
    return (rows as CiVersionRow[]).map(lazyCi);
  }
  const out: CiVersion[] = [];
  for (const [cls, part] of nameChunksByClass(refs)) {
    const base = db.selectFrom('ci_versions').selectAll().where('class', '=', cls).where('name', 'in', part);
    out.push(...(await selectLive(base, at)).map(lazyCi));
  }
  return out;
}

/** CIs by id as of `at` (now when absent), their JSON parsed only when read (lazyCi). */
export async function getCisById({ db }: BulkTarget, ids: string[], at?: number): Promise<CiVersion[]> {
  const out: CiVersion[] = [];
  for (const part of idChunks(ids)) {
    const base = db.selectFrom('ci_versions').selectAll().where('id', 'in', part);
    out.push(...(await selectLive(base, at)).map(lazyCi));
  }
  return out;
}

/** The class and name of these CIs as of `at` (now when absent). */
export async function getCiRefsById({ db, engine }: BulkTarget, ids: string[], at?: number): Promise<CiName[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  // Engine check (array parameter): PostgreSQL binds the ids as one array in one statement;
  // SQLite has no array parameters, and its queries are function calls: chunks of `in`.
  if (engine === 'postgres') {
    const text = at === undefined ? REFS_BY_ID_NOW : REFS_BY_ID_AT;
    nameStatement(text);
    const query = CompiledQuery.raw(text, at === undefined ? [unique] : [unique, at]);
    const { rows } = await db.executeQuery(withArrayRows(query));
    return rows.map(ciNameOfRow);
  }
  const out: CiName[] = [];
  for (const part of chunks(unique, IN_CHUNK))
    out.push(
      ...(await selectLive(db.selectFrom('ci_versions').select(['id', 'class', 'name']).where('id', 'in', part), at)),
    );
  return out;
}

/** The newest version of each of these CIs, current or ended. */
export async function getLatestCisById({ db }: BulkTarget, ids: string[]): Promise<CiVersion[]> {
  const out: CiVersion[] = [];
  for (const part of idChunks(ids)) {
    const rows = await db
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

/** The newest version written under this name: the current one, else the last ended. */
export async function getLatestCiByRef({ db }: BulkTarget, ref: CiRef): Promise<CiVersion | undefined> {
  const current = await db
    .selectFrom('ci_versions')
    .selectAll()
    .where('class', '=', ref.class)
    .where('name', '=', ref.name)
    .where('rev_to', 'is', null)
    .executeTakeFirst();
  if (current) return rowToCi(current);
  const past = await db
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
