import { sql } from 'kysely';
import type { GraphChanges } from '../../../core/revision/revision.types.js';
import type { BulkTarget } from './insert-versions.js';

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

/**
 * What changed in (fromRev, toRev] as the graph reads it (ids, names and ends only), in pages of
 * at most `pageSize` versions, part after part (GraphChanges). A part that fits in a page is one
 * index range scan, as in versionsChangedBetween. A larger one (one revision can hold a million
 * versions) is read again page by page in the order of the primary key, which starts with the
 * version id: its revision columns are written `rev_from + 0` so that neither engine takes
 * their index and sorts the whole part for each page; each page walks on from where the last
 * stopped, so all its pages together read the table once at most.
 */
export async function* graphChangesBetween(
  on: BulkTarget,
  fromRev: number,
  toRev: number,
  pageSize: number,
): AsyncIterable<GraphChanges> {
  for (const part of GRAPH_PARTS) {
    const first = await changedPart(on, part, fromRev, toRev, pageSize + 1);
    if (first.length <= pageSize) {
      if (first.length > 0) yield graphPage(part, first);
      continue;
    }
    let after = '';
    for (;;) {
      const rows = await changedPart(on, part, fromRev, toRev, pageSize, after);
      if (rows.length > 0) yield graphPage(part, rows);
      if (rows.length < pageSize) break;
      after = rows[rows.length - 1]!.id;
    }
  }
}

/** Up to `limit` versions of one part; by id after `after` when given, else in no set order. */
async function changedPart(
  { db, engine }: BulkTarget,
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
  if (!byId || engine !== 'postgres' || db.isTransaction) return (await query.execute(db)).rows;
  return db.transaction().execute(async (trx) => {
    await sql`set local enable_sort = off`.execute(trx);
    return (await query.execute(trx)).rows;
  });
}

function graphPage(part: GraphPart, rows: GraphRow[]): GraphChanges {
  const page: GraphChanges = { cisBefore: [], cisAfter: [], relationsBefore: [], relationsAfter: [] };
  if (part === 'cisBefore' || part === 'cisAfter')
    page[part] = rows.map((r) => ({ id: r.id, class: r.class!, name: r.name! }));
  else page[part] = rows.map((r) => ({ id: r.id, type: r.type!, sourceId: r.source_id!, targetId: r.target_id! }));
  return page;
}
