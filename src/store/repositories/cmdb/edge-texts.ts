import { sql, type Kysely } from 'kysely';
import { KEY_PART_SEPARATOR, KEY_SEPARATOR } from '../../../core/ci/ci.types.js';
import type { Database } from '../../database.js';
import { QueryTemplate } from '../../query-template.js';

/**
 * PostgreSQL: the current relationships for the graph's load as texts, one per page: `source US
 * type US target` joined by RS (MemoryGraph.addText), in (source, type, target) order along the
 * covering current index `ux_rel_current`, the page key the last relationship of a page.
 *
 * The server puts each page's text together, so the driver makes one string a page instead of
 * three a relationship, and the graph numbers the ends where they stand in the text; the next page
 * is asked for before this one is handed over, so the server reads it while the graph numbers
 * this one. At 1M CIs this took the load's client CPU from 9.5 to 7.7 s (issue 14). On SQLite the
 * same (with group_concat) measured no faster than reading the rows as arrays: the per-row work
 * there is SQLite's own, in this thread either way, so the graph reads rows there.
 */
export function scanCurrentEdgeTexts(db: Kysely<Database>, pageSize: number): AsyncIterable<string> {
  return edgeTextPages(
    async (after) => (await EDGE_TEXT_AFTER.execute(db, after[0]!, after[1]!, after[2]!, pageSize))[0]?.text ?? '',
  );
}

/** A page's text: its relationships after a key, in index order, aggregated by the server. */
const EDGE_TEXT_AFTER = new QueryTemplate(4, (db, source: string, type: string, target: string, limit: number) =>
  db
    .selectFrom(
      db
        .selectFrom('relation_versions')
        .select(['source_id', 'type', 'target_id'])
        .where('rev_to', 'is', null)
        .where(sql<boolean>`(source_id, type, target_id) > (${source}, ${type}, ${target})`)
        .orderBy('source_id')
        .orderBy('type')
        .orderBy('target_id')
        .limit(limit)
        .as('page'),
    )
    .select(
      sql<
        string | null
      >`string_agg(source_id || chr(31) || type || chr(31) || target_id, chr(30) order by source_id, type, target_id)`.as(
        'text',
      ),
    ),
);

/** The page key after a page: the (source, type, target) of its last relationship. */
function keyAfter(text: string): string[] {
  return text.slice(text.lastIndexOf(KEY_SEPARATOR) + 1).split(KEY_PART_SEPARATOR);
}

/** The key before the first page: every id and type is greater. */
const FIRST_KEY = ['', '', ''];

/**
 * Page after page until an empty one, each asked for as soon as the one before has come (the
 * engine reads it while the caller numbers this one).
 */
async function* edgeTextPages(textOf: (after: string[]) => Promise<string>): AsyncIterable<string> {
  let next = textOf(FIRST_KEY);
  for (;;) {
    const text = await next;
    if (text === '') return;
    next = textOf(keyAfter(text));
    // Handled here too: a reader that stops early never awaits it.
    next.catch(() => undefined);
    yield text;
  }
}
