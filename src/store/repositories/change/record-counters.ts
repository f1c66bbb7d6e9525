import type { Kysely } from 'kysely';
import type { RecordCounts } from '../../../core/change/change.port.js';
import type { Database } from '../../database.js';

/** The `counters` rows that hold how many records each change-record chain has had appended. */
export const RECORD_COUNTERS = {
  approvals: 'audit:approval-records',
  transitions: 'audit:transition-records',
  policies: 'audit:policy-versions',
  environments: 'audit:environment-versions',
} as const;

/** Sets a chain's count after an append, in the caller's transaction (under the write lock). */
export async function setRecordCount(
  db: Kysely<Database>,
  chain: keyof typeof RECORD_COUNTERS,
  value: number,
): Promise<void> {
  const name = RECORD_COUNTERS[chain];
  const updated = await db.updateTable('counters').set({ value }).where('name', '=', name).executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) await db.insertInto('counters').values({ name, value }).execute();
}

/** The counts as stored; a chain without a row (never appended to, or the row deleted) is absent. */
export async function readRecordCounts(db: Kysely<Database>): Promise<RecordCounts> {
  const names = Object.values(RECORD_COUNTERS);
  const rows = await db.selectFrom('counters').select(['name', 'value']).where('name', 'in', names).execute();
  const out: RecordCounts = {};
  for (const [chain, name] of Object.entries(RECORD_COUNTERS) as [keyof RecordCounts, string][]) {
    const row = rows.find((r) => r.name === name);
    if (row) out[chain] = Number(row.value);
  }
  return out;
}
