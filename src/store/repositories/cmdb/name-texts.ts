import { sql, type Kysely } from 'kysely';
import type { Database } from '../../database.js';
import { QueryTemplate } from '../../query-template.js';
import type { StatementShape } from '../../statement-shape.js';
import type { BulkTarget } from './insert-versions.js';
import { rowArrays } from './row-arrays.js';
import { textPages } from './text-pages.js';

/**
 * The current CIs' ids and names for the graph's load as texts, one per page: `id US class US
 * name` joined by RS (MemoryGraph.setNamesText), the pages in id order, the page key the page's
 * greatest id.
 *
 * Read as rows, the driver made three strings a CI (a million CIs: about a second on SQLite);
 * here it makes one a page. Within a page the records come as the engine aggregates them, in no
 * promised order: a name is kept by id, so only which number each id gets could change, and the
 * key does not depend on it.
 */
export function scanCurrentNameTexts({ db, native }: BulkTarget, pageSize: number): AsyncIterable<string> {
  const template = native ? SQLITE_NAME_TEXT_AFTER : NAME_TEXT_AFTER;
  return textPages('', async (after) => {
    const [text, last] = (await rowArrays(db, native, template.with(db, after, pageSize)))[0] as [
      string | null,
      string | null,
    ];
    return text === null || last === null ? undefined : { text, after: last };
  });
}

/** SQLite's page statement, for the graph reader thread (graph-snapshot.ts): `(after, limit)` → `[text, last]`. */
export const sqliteNameTextShape = (db: Kysely<Database>): StatementShape => SQLITE_NAME_TEXT_AFTER.shape(db);

/** A page of the current CIs after an id, in id order, with the id, class and name of each. */
const pageAfter = (db: Kysely<Database>, after: string, limit: number) =>
  db
    .selectFrom('ci_versions')
    .select(['id', 'class', 'name'])
    .where('rev_to', 'is', null)
    .where('id', '>', after)
    .orderBy('id')
    .limit(limit)
    .as('page');

const NAME_TEXT_AFTER = new QueryTemplate(2, (db, after: string, limit: number) =>
  db
    .selectFrom(pageAfter(db, after, limit))
    .select([
      sql<string | null>`string_agg(id || chr(31) || class || chr(31) || name, chr(30))`.as('text'),
      sql<string | null>`max(id)`.as('last'),
    ]),
);

const SQLITE_NAME_TEXT_AFTER = new QueryTemplate(2, (db, after: string, limit: number) =>
  db
    .selectFrom(pageAfter(db, after, limit))
    .select([
      sql<string | null>`group_concat(id || char(31) || class || char(31) || name, char(30))`.as('text'),
      sql<string | null>`max(id)`.as('last'),
    ]),
);
