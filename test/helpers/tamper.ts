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

/** Inserts a copy of a stored CI version under another id and name, with the revisions given: a forged row. */
export async function forgeCiVersion(
  db: Kysely<Database>,
  revs: { rev_from: number; rev_to: number | null },
): Promise<void> {
  const row = await db
    .selectFrom('ci_versions')
    .selectAll()
    .where('rev_to', 'is', null)
    .limit(1)
    .executeTakeFirstOrThrow();
  await db
    .insertInto('ci_versions')
    .values({
      ...row,
      ...revs,
      id: `ci_forged_${revs.rev_from}`,
      name: `forged-${revs.rev_from}`,
      attributes: jsonText(row.attributes),
      labels: jsonText(row.labels),
      attribute_sources: jsonText(row.attribute_sources),
    })
    .execute();
}

// SQLite returns JSON columns as text, PostgreSQL (jsonb) as parsed values; both take text back.
function jsonText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
