import { sql } from 'kysely';
import type { CiRef } from '../../../core/ci/desired-state.js';
import type { DriftStore, ScannedCi } from '../../../core/drift/drift.port.js';
import { scannedCis } from '../../conversion/lazy-versions.js';
import { QueryTemplate } from '../../query-template.js';
import { ciNameOfRow, type CiName } from './ci-refs.js';
import type { BulkTarget } from './insert-versions.js';
import { jsonText } from './json-text.js';
import { rowArrays } from './row-arrays.js';

/** What drift's comparison scan asks for: these classes or sources, as of `at`, in pages. */
type CiScanQuery = Parameters<DriftStore['scanCis']>[0];

/** What a drift scan reads, in scannedCis's order: what a check looks at (ScannedCi), no more. */
const SCANNED_CI_COLUMNS = [
  'id',
  'class',
  'name',
  'status',
  jsonText('attributes'),
  jsonText('labels'),
  'source',
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

/**
 * Drift's comparison scan: CIs of these classes or written by these sources, as of `at`, in
 * pages ordered by (class, name). Current rows and past rows each use their own partial index
 * on (class, name); a row live at `at` is a current row begun by then or a past row spanning it.
 * Rows are read as arrays with their JSON as text, parsed only when read (scannedCis), and the
 * next page is asked for before this one is handed over (on PostgreSQL the server reads it
 * meanwhile).
 */
export async function* scanCis(on: BulkTarget, query: CiScanQuery): AsyncIterable<ScannedCi[]> {
  const parts = query.at === undefined ? ['current' as const] : (['current', 'past'] as const);
  const toCi = scannedCis();
  for (const part of parts) {
    let next = scanPage(on, query, part, undefined);
    for (;;) {
      const rows = await next;
      const last = rows[rows.length - 1];
      const more = rows.length === query.pageSize && last !== undefined;
      if (more) {
        next = scanPage(on, query, part, { class: last[1] as string, name: last[2] as string });
        // Handled here too: a reader that stops early never awaits it.
        next.catch(() => undefined);
      }
      if (rows.length > 0) yield rows.map(toCi);
      if (!more) break;
    }
  }
}

function scanPage(
  { db, native }: BulkTarget,
  query: CiScanQuery,
  part: 'current' | 'past',
  after: CiRef | undefined,
): Promise<unknown[][]> {
  let q = db
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
  return rowArrays(db, native, q.orderBy('class').orderBy('name').limit(query.pageSize).compile());
}
