import { sql, type SelectQueryBuilder } from 'kysely';
import type { Database } from '../../database.js';
import type { VersionTable } from './as-of.js';

/**
 * The revision ranges a history read selects versions by, for any version table. A version row is
 * live from `rev_from` until `rev_to` (null while current); each range is one index range scan.
 */
export const revFrom = sql.ref('rev_from');
export const revTo = sql.ref('rev_to');

/** Versions live at `liveAt` (the same as `after` but for a template's own placeholder) and ended in (after, by]. */
export function endedBetween<T extends VersionTable, R>(
  q: SelectQueryBuilder<Database, T, R>,
  after: number,
  by: number,
  liveAt = after,
): SelectQueryBuilder<Database, T, R> {
  return q.where(revTo, 'is not', null).where(revTo, '>', after).where(revTo, '<=', by).where(revFrom, '<=', liveAt);
}

/** Versions begun in (fromRev, toRev] and still live at `toRev`. */
export function begunBetween<T extends VersionTable, R>(
  q: SelectQueryBuilder<Database, T, R>,
  fromRev: number,
  toRev: number,
): Promise<R[]> {
  return q
    .where(revFrom, '>', fromRev)
    .where(revFrom, '<=', toRev)
    .where((eb) => eb.or([eb(revTo, 'is', null), eb(revTo, '>', toRev)]))
    .execute();
}

/** Every version begun in (fromRev, toRev], whether still live at `toRev` or ended again before it. */
export function anyBegunBetween<T extends VersionTable, R>(
  q: SelectQueryBuilder<Database, T, R>,
  fromRev: number,
  toRev: number,
): SelectQueryBuilder<Database, T, R> {
  return q.where(revFrom, '>', fromRev).where(revFrom, '<=', toRev);
}
