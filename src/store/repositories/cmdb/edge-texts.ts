import type BetterSqlite3 from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { KEY_PART_SEPARATOR, KEY_SEPARATOR } from '../../../core/ci/ci.types.js';
import type { Database } from '../../database.js';
import { QueryTemplate } from '../../query-template.js';
import type { StatementShape } from '../../statement-shape.js';
import { rowArrays } from './row-arrays.js';
import { textPages } from './text-pages.js';

/**
 * The current relationships for the graph's load as texts, one per page: `source US type US
 * target` joined by RS (MemoryGraph.addText), in (source, type, target) order along the covering
 * current index `ux_rel_current`, the page key the page's greatest relationship.
 *
 * The engine puts each page's text together, so the driver makes one string a page instead of
 * three a relationship, and the graph numbers the ends where they stand in the text; the next page
 * is asked for before this one is handed over (PostgreSQL reads it while the graph numbers this
 * one). At 1M CIs this took PostgreSQL's load from 9.5 to 7.7 s of client CPU (issue 14).
 */
export function scanCurrentEdgeTexts(
  db: Kysely<Database>,
  native: BetterSqlite3.Database | undefined,
  pageSize: number,
): AsyncIterable<string> {
  if (native)
    return textPages(FIRST_KEY, async ([source, type, target]) => {
      const query = SQLITE_EDGE_TEXT_AFTER.with(db, source!, type!, target!, pageSize);
      const [text, last] = (await rowArrays(db, native, query))[0] as [string | null, string | null];
      return text === null || last === null ? undefined : { text, after: last.split(KEY_PART_SEPARATOR) };
    });
  return textPages(FIRST_KEY, async ([source, type, target]) => {
    const text = (await EDGE_TEXT_AFTER.execute(db, source!, type!, target!, pageSize))[0]?.text ?? '';
    return text === '' ? undefined : { text, after: keyAfter(text) };
  });
}

/**
 * SQLite's page statement, for the graph reader thread (graph-snapshot.ts): `(source, type,
 * target, limit)` → `[text, last]`, the next page after `last` split at US.
 */
export const sqliteEdgeTextShape = (db: Kysely<Database>): StatementShape => SQLITE_EDGE_TEXT_AFTER.shape(db);

/** The key before the first page: every id and type is greater. */
const FIRST_KEY = ['', '', ''];

/** A page of the relationships after a key, in index order (see below for each engine). */
const pageAfter = (db: Kysely<Database>, source: string, type: string, target: string, limit: number) =>
  db
    .selectFrom('relation_versions')
    .where('rev_to', 'is', null)
    .where(sql<boolean>`(source_id, type, target_id) > (${source}, ${type}, ${target})`)
    .orderBy('source_id')
    .orderBy('type')
    .orderBy('target_id')
    .limit(limit);

/** PostgreSQL: a page's text, aggregated by the server in index order. */
const EDGE_TEXT_AFTER = new QueryTemplate(4, (db, source: string, type: string, target: string, limit: number) =>
  db
    .selectFrom(pageAfter(db, source, type, target, limit).select(['source_id', 'type', 'target_id']).as('page'))
    .select(
      sql<
        string | null
      >`string_agg(source_id || chr(31) || type || chr(31) || target_id, chr(30) order by source_id, type, target_id)`.as(
        'text',
      ),
    ),
);

/**
 * SQLite: a page's text, aggregated without an order (sorting inside group_concat cost 0.7 s at
 * 1M), and the page's greatest relationship as its key. The text comes in the page's order as
 * SQLite reads it, but the next page does not depend on that: the key is the greatest record,
 * which orders as the (source, type, target) row does, since the separators sort below every
 * character of an id or a type.
 */
const SQLITE_EDGE_TEXT_AFTER = new QueryTemplate(4, (db, source: string, type: string, target: string, limit: number) =>
  db
    .selectFrom(
      pageAfter(db, source, type, target, limit)
        .select(sql<string>`source_id || char(31) || type || char(31) || target_id`.as('edge'))
        .as('page'),
    )
    .select([sql<string | null>`group_concat(edge, char(30))`.as('text'), sql<string | null>`max(edge)`.as('last')]),
);

/** The page key after a page: the (source, type, target) of its last relationship. */
function keyAfter(text: string): string[] {
  return text.slice(text.lastIndexOf(KEY_SEPARATOR) + 1).split(KEY_PART_SEPARATOR);
}
