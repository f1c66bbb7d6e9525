import type { Kysely } from 'kysely';
import type { Database } from '../../database.js';

/**
 * The next number of a drift table numbered max + 1. Two writers would read the same max: call
 * it only under the drift write lock (KyselyDriftStore).
 */
export async function nextNumber(
  db: Kysely<Database>,
  table: 'drift_observations' | 'drift_findings' | 'drift_suppressions',
): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.max('id').as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0) + 1;
}
