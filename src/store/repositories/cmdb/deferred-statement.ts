import { CompiledQuery } from 'kysely';
import type { CiVersion, RelationVersion } from '../../../core/ci/ci.types.js';
import type { Revision } from '../../../core/revision/revision.types.js';
import type { OutboxEntry } from '../../../core/shared/outbox.js';
import { ciRow, relationRow, revisionRow } from '../../conversion/cmdb.js';

/*
 * PostgreSQL: the text and parameters of the one statement that sends a revision's held-back
 * writes (deferred-writes.ts), apart from the holding and sending: what it writes is fixed here,
 * when and in which transaction state it is sent is decided there.
 */

/** Versions to end at `rev`, by their whole primary key. */
export interface Ends {
  ids: string[];
  revFroms: number[];
  rev: number;
}

/** The writes of one revision held back, by kind (DeferredWrites), for one statement. */
export interface Held {
  endRelations?: Ends;
  endCis?: Ends;
  insertCis?: CiVersion[];
  insertRelations?: RelationVersion[];
  revision?: Revision;
  events?: OutboxEntry[];
}

/** PostgreSQL types of the version tables' columns (ciRow, relationRow), for the statement's casts. */
const COLUMN_TYPES: Record<string, string> = {
  id: 'text',
  rev_from: 'int4',
  rev_to: 'int4',
  class: 'text',
  name: 'text',
  status: 'text',
  type: 'text',
  source_id: 'text',
  target_id: 'text',
  source: 'text',
  hash: 'text',
  attributes: 'jsonb',
  labels: 'jsonb',
  attribute_sources: 'jsonb',
};

/**
 * One statement: each write a CTE, the inserts of a table reading the count of its ends' CTE so
 * that those run first. Written out here rather than built with Kysely: it runs once per
 * revision, and building and compiling the query tree cost more client CPU than the rest of the
 * flush. Its text depends only on which writes are there and whether each has one row or more
 * (one row is bound as scalars, more as arrays), so it is a bounded set of named prepared
 * statements.
 *
 * A single row is bound as scalars so that PostgreSQL plans the statement once per connection:
 * with arrays, the generic plan (10 rows assumed per array) always cost more than a custom plan
 * for the one row, so every run was planned again (pg_prepared_statements: 0 generic plans in
 * 3 000 runs).
 */
export function statementOf(held: Held): CompiledQuery {
  const parameters: unknown[] = [];
  const p = (value: unknown, type: string) => {
    parameters.push(value);
    return `$${parameters.length}::${type}`;
  };
  const ctes: string[] = [];
  // Each version by its whole primary key: by id alone (`id = any(…) and rev_to is null`), the
  // planner with stale statistics (after an import, before an ANALYZE) intersected the primary
  // key with a scan of the whole current-row index, whose predicate the query implies — 0.7 ms
  // of server CPU per change at 20 000 CIs, growing with the CMDB (issue 14). Several keys:
  // `rev_from + 0`, so that each is found by its id, never along the rev_from index, which an
  // import's revision fills (end-versions.ts says why); one key is found by both columns at once.
  const end = (name: string, table: string, e: Ends) => {
    const rev = p(e.rev, 'int4');
    ctes.push(
      e.ids.length === 1
        ? `${name} as (update ${table} set rev_to = ${rev} where id = ${p(e.ids[0], 'text')}` +
            ` and rev_from = ${p(e.revFroms[0], 'int4')} and rev_to is null returning 1)`
        : `${name} as (update ${table} v set rev_to = ${rev}` +
            ` from unnest(${p(e.ids, 'text[]')}, ${p(e.revFroms, 'int4[]')}) as e (id, rev_from)` +
            ` where v.id = e.id and v.rev_from + 0 = e.rev_from and v.rev_to is null returning 1)`,
    );
  };
  const insert = (name: string, table: string, rows: Record<string, unknown>[], after: string | undefined) => {
    const columns = Object.keys(rows[0]!);
    const typeOf = (c: string) => {
      const type = COLUMN_TYPES[c];
      if (!type) throw new Error(`no PostgreSQL type for version column ${c}`);
      return type;
    };
    const values =
      rows.length === 1
        ? `select ${columns.map((c) => p(rows[0]![c], typeOf(c))).join(', ')}`
        : `select * from unnest(${columns
            .map((c) =>
              p(
                rows.map((r) => r[c]),
                `${typeOf(c)}[]`,
              ),
            )
            .join(', ')})`;
    const gate = after ? ` where (select count(*) from ${after}) >= 0` : '';
    ctes.push(`${name} as (insert into ${table} (${columns.join(', ')}) ${values}${gate} returning 1)`);
  };
  if (held.endRelations) end('er', 'relation_versions', held.endRelations);
  if (held.endCis) end('ec', 'ci_versions', held.endCis);
  if (held.insertCis) insert('ic', 'ci_versions', held.insertCis.map(ciRow), held.endCis && 'ec');
  if (held.insertRelations)
    insert('ir', 'relation_versions', held.insertRelations.map(relationRow), held.endRelations && 'er');
  if (held.revision) {
    const r = revisionRow(held.revision);
    ctes.push(
      `rv as (insert into revisions (rev, parent_rev, at, author, message, source, change_id, backout_of, hash, prev_hash)` +
        ` values (${p(r.rev, 'int4')}, ${p(r.parent_rev ?? null, 'int4')}, ${p(r.at, 'timestamptz')},` +
        ` ${p(r.author, 'text')}, ${p(r.message, 'text')}, ${p(r.source, 'text')}, ${p(r.change_id ?? null, 'text')},` +
        ` ${p(r.backout_of ?? null, 'text')}, ${p(r.hash, 'text')}, ${p(r.prev_hash ?? null, 'text')}) returning 1)`,
    );
  }
  if (held.events) {
    const e = held.events;
    const [types, ats, data] = [e.map((x) => x.type), e.map((x) => x.at), e.map((x) => JSON.stringify(x.data))];
    const values =
      e.length === 1
        ? `values (${p(types[0], 'text')}, ${p(ats[0], 'timestamptz')}, ${p(data[0], 'jsonb')})`
        : `select * from unnest(${p(types, 'text[]')}, ${p(ats, 'timestamptz[]')}, ${p(data, 'jsonb[]')})`;
    ctes.push(`ev as (insert into event_outbox (type, at, data) ${values} returning 1)`);
  }
  return CompiledQuery.raw(`with ${ctes.join(', ')} select 1`, parameters);
}
