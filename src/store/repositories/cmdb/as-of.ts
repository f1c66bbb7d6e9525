import { sql, type SelectQueryBuilder } from 'kysely';
import type { Database } from '../../database.js';

/** The version tables: each row is live from `rev_from` until `rev_to` (exclusive; null while current). */
export type VersionTable = 'ci_versions' | 'relation_versions' | 'model_versions';

const revFrom = sql.ref('rev_from');
const revTo = sql.ref('rev_to');

/**
 * Runs a query restricted to the rows live at `at` (current rows when absent). For a past
 * revision it runs twice — current rows begun by then, and past rows spanning it — because an
 * OR across `rev_to IS NULL` would keep either partial index from being used: each half is an
 * index range scan on its own partial index (see src/store/README.md).
 */
export async function selectLive<T extends VersionTable, R>(
  query: SelectQueryBuilder<Database, T, R>,
  at?: number,
): Promise<R[]> {
  if (at === undefined) return query.where(revTo, 'is', null).execute();
  const current = await query.where(revTo, 'is', null).where(revFrom, '<=', at).execute();
  const past = await query.where(revTo, 'is not', null).where(revFrom, '<=', at).where(revTo, '>', at).execute();
  return [...current, ...past];
}

/** Orders text as the engines' indexes do (by code unit), for merging the two halves of an as-of read. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
