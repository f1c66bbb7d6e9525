import type { Kysely } from 'kysely';
import type { Database } from '../../src/store/database.js';

/**
 * Edits a change's stored record (`changes.data`) behind Cairn's back, as someone with write access
 * to the database would: what the audit and implement tests tamper with.
 */
export async function editChangeData(
  db: Kysely<Database>,
  id: number,
  edit: (data: Record<string, unknown>) => void,
  column: { planHash?: boolean } = {},
): Promise<void> {
  const row = await db.selectFrom('changes').select('data').where('id', '=', id).executeTakeFirstOrThrow();
  // SQLite returns the JSON as text, PostgreSQL (jsonb) as a parsed value.
  const data = (typeof row.data === 'string' ? JSON.parse(row.data) : row.data) as Record<string, unknown>;
  edit(data);
  const set = { data: JSON.stringify(data), ...(column.planHash ? { plan_hash: String(data.planHash) } : {}) };
  await db.updateTable('changes').set(set).where('id', '=', id).execute();
}
