import { sql, type Compilable, type Expression, type SelectExpression } from 'kysely';
import type { Database } from '../../database.js';
import type { CiRef } from '../../../core/ci/desired-state.js';
import type { DriftStore, ScannedCi } from '../../../core/drift/drift.port.js';
import { ScannedPages } from '../../conversion/scanned-pages.js';
import { QueryTemplate, statementShape } from '../../query-template.js';
import { readPagesInWorker, type PageScan, type TextPage } from '../../page-reader.js';
import { headShape } from './revision.repository.js';
import { fileToReadBeside } from './read-beside.js';
import { ciNameOfRow, type CiName } from './ci-refs.js';
import type { BulkTarget } from './insert-versions.js';
import { rowArrays } from './row-arrays.js';

/** What drift's comparison scan asks for: these classes or sources, as of `at`, in pages. */
type CiScanQuery = Parameters<DriftStore['scanCis']>[0];

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

/** Every current CI's id and name, a page at a time in id order, read as arrays (rowArrays). */
export async function* scanCurrentCis({ db, native }: BulkTarget, pageSize: number): AsyncIterable<CiName[]> {
  let after = '';
  for (;;) {
    const rows = await rowArrays(db, native, CURRENT_NAMES_AFTER.with(db, after, pageSize));
    if (rows.length === 0) return;
    // Columns in the select's order: id, class, name.
    yield rows.map(ciNameOfRow);
    after = rows[rows.length - 1]![0] as string;
  }
}

/** A page of a drift scan: its CIs, how many rows it read, and the (class, name) the next page starts after. */
interface ScanPage {
  cis: ScannedCi[];
  count: number;
  last: CiRef;
}

/**
 * Drift's comparison scan: CIs of these classes or written by these sources, as of `at`, in
 * pages ordered by (class, name). Current rows and past rows each use their own partial index
 * on (class, name); a row live at `at` is a current row begun by then or a past row spanning it.
 * The JSON is parsed only when read, and the next page is asked for before this one is handed
 * over (on PostgreSQL the server reads it meanwhile).
 *
 * On SQLite a page comes as one text (ScannedPages): read as rows, the driver made a list and
 * three or four strings a CI, which the collector copied until matching ended. On PostgreSQL
 * a page comes as a row per CI, each one text in the same format (pgScanRecord).
 */
export async function* scanCis(
  on: BulkTarget,
  query: CiScanQuery,
  fromRows = SCAN_BESIDE_FROM_ROWS,
): AsyncIterable<ScannedCi[]> {
  const beside = await scanBeside(on, query, fromRows);
  if (beside) {
    const pages = new ScannedPages();
    for await (const page of beside) yield pages.read(page.text);
    return;
  }
  const parts = query.at === undefined ? ['current' as const] : (['current', 'past'] as const);
  const read = on.native ? textPageReader(on, query) : recordPageReader(on, query);
  for (const part of parts) {
    let next = read(part, undefined);
    for (;;) {
      const page = await next;
      if (page === undefined) break;
      const more = page.count === query.pageSize;
      if (more) {
        next = read(part, page.last);
        // Handled here too: a reader that stops early never awaits it.
        next.catch(() => undefined);
      }
      yield page.cis;
      if (!more) break;
    }
  }
}

/**
 * Rows of `ci_versions` from which a SQLite file's scan is read on a thread of its own. Starting
 * the thread, its connection and its cold page cache cost about 0.1 s, which a small scan does
 * not take. At 100 000 CIs, in a fresh process, the thread was still a little faster (a check
 * 0.69–0.79 s against 0.79–0.87 in-process, issue 14), but the graph's load found the in-process
 * read faster in a process whose connection had just written the tables (its cache warm): the
 * same bound as the graph's (READ_BESIDE_FROM_ROWS) until that is measured for drift.
 */
export const SCAN_BESIDE_FROM_ROWS = 500_000;

/**
 * Drift's scan of a SQLite file as page texts read by a thread with its own connection
 * (page-reader.ts), so that SQLite steps the next page while this thread hashes the observation
 * and reads the last: the same statements as the in-process text pages, in one read transaction.
 * Its snapshot is the revision the check compares against: the current rows where the snapshot's
 * head is that revision (`query.head`, or `query.at`), otherwise the rows live at it, read as of
 * it, whatever has been committed since the caller read its head.
 *
 * Undefined, and the scan reads in-process, on PostgreSQL (its server already reads the next page
 * meanwhile), for a database no other connection can open (in memory, or SQLite's temporary one),
 * below `fromRows` rows, and where the thread cannot start.
 */
async function scanBeside(
  on: BulkTarget,
  query: CiScanQuery,
  fromRows: number,
): Promise<AsyncIterable<TextPage> | undefined> {
  const { db } = on;
  const path = fileToReadBeside(on, 'ci_versions', fromRows);
  if (path === undefined) return undefined;
  const at = query.at ?? query.head;
  const scan = (part: 'current' | 'past', asOf: number | undefined): PageScan => ({
    kind: part,
    // `(after class, after name, limit)` → `[text, count, last class, last name, key]`; the first
    // page after ('', ''), before every CI (a class name is never empty).
    shape: statementShape(db, 3, (db, afterClass: string, afterName: string, limit: number) => {
      const page = pageRows(
        on,
        { ...query, at: asOf, pageSize: limit },
        part,
        { class: afterClass, name: afterName },
        TEXT_COLUMNS,
      );
      // A raw query compiles with the database it is for.
      return { compile: () => sqlitePageText(page).compile(db) };
    }),
    first: ['', ''],
    next: { columns: [2, 3] },
  });
  const read = await readPagesInWorker(
    {
      path,
      pageSize: query.pageSize,
      head: headShape(db),
      scans: at === undefined ? [scan('current', undefined)] : [scan('current', at), scan('past', at)],
      ...(query.at === undefined && at !== undefined
        ? { atHead: { rev: at, scans: [scan('current', undefined)] } }
        : {}),
    },
    SCAN_PAGES_AHEAD,
  );
  return read?.pages;
}

/**
 * Pages the thread may read ahead of the check: a check keeps every page it is given until all are
 * matched anyway, so enough that the thread reads on while the check de-duplicates its items
 * (drift-check.ts asks for the first page before it does): 320 000 CIs at 5 000 a page.
 */
const SCAN_PAGES_AHEAD = 64;

type PageReader = (part: 'current' | 'past', after: CiRef | undefined) => Promise<ScanPage | undefined>;

/**
 * A CI as PostgreSQL sends it to a drift scan: one text in the record format of ScannedPages (as
 * sqlitePageText makes them), so that the driver decodes one field a row, not seven: decoding
 * seven columns a row bounded a check at 1M CIs on PostgreSQL. Aggregating a page into one text
 * on the server instead took it about twice as long as sending the rows.
 */
const pgScanRecord = sql<string>`id || chr(31) || name
    || chr(31) || encode(convert_to(class, 'UTF8'), 'hex') || chr(31) || encode(convert_to(status, 'UTF8'), 'hex')
    || chr(31) || coalesce('+' || encode(convert_to(source, 'UTF8'), 'hex'), '')
    || chr(31) || cast(labels as text) || chr(31) || cast(attributes as text)`.as('record');

/** PostgreSQL: a page's rows, each one CI's record text (pgScanRecord), read by ScannedPages. */
function recordPageReader(on: BulkTarget, query: CiScanQuery): PageReader {
  const pages = new ScannedPages();
  return async (part, after) => {
    const rows = await rowArrays(on.db, on.native, pageRows(on, query, part, after, [pgScanRecord]).compile());
    if (rows.length === 0) return undefined;
    const cis = pages.readRecords(rows.map((r) => r[0] as string));
    const last = cis[cis.length - 1]!;
    return { cis, count: rows.length, last: { class: last.class, name: last.name } };
  };
}

/** What a SQLite page's text is made of (sqlitePageText). */
const TEXT_COLUMNS = ['id', 'name', 'class', 'status', 'source', 'labels', 'attributes'] as const;

/** SQLite: a page as one text (sqlitePageText), read by ScannedPages. */
function textPageReader(on: BulkTarget, query: CiScanQuery): PageReader {
  const pages = new ScannedPages();
  return async (part, after) => {
    const page = pageRows(on, query, part, after, TEXT_COLUMNS);
    const [row] = await rowArrays(on.db, on.native, sqlitePageText(page).compile(on.db));
    const [text, count, lastClass, lastName] = (row ?? [null, 0, null, null]) as [
      string | null,
      number,
      string | null,
      string | null,
    ];
    if (text === null || lastClass === null || lastName === null) return undefined;
    return { cis: pages.read(text), count, last: { class: lastClass, name: lastName } };
  };
}

/** The query of a page of the scan's rows, these columns, in (class, name) order. */
function pageRows<C extends SelectExpression<Database, 'ci_versions'>>(
  { db }: BulkTarget,
  query: CiScanQuery,
  part: 'current' | 'past',
  after: CiRef | undefined,
  columns: readonly C[],
) {
  let q = db
    .selectFrom('ci_versions')
    .select([...columns])
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
  return q.orderBy('class').orderBy('name').limit(query.pageSize);
}

/** A page's rows, in (class, name) order, as the engine is asked to aggregate them. */
type PageRows = Compilable & Expression<unknown>;

/**
 * A page's CIs as ScannedPages reads them (class, status and source as the hex of their UTF-8),
 * their count, and the (class, name) of the greatest, which the next page starts after: the bare
 * columns of the row whose key is the max (SQLite takes them from that row), `class NUL name`
 * ordering as the pair does (a class name holds no NUL). The records come in the order SQLite
 * aggregates them: the check does not depend on it.
 */
const sqlitePageText = (page: PageRows) => sql<unknown>`select group_concat(page.id || char(31) || page.name
    || char(31) || hex(page.class) || char(31) || hex(page.status) || char(31)
    || (case when page.source is null then '' else '+' || hex(page.source) end) || char(31) || page.labels || char(31) || page.attributes, char(30)),
  count(*), page.class, page.name, max(page.class || char(0) || page.name)
  from (${page}) page`;
