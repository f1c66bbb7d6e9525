import type { Kysely } from 'kysely';
import type { SuppressionRule } from '../../../core/drift/drift.types.js';
import { rowToSuppression, suppressionRow, type NewSuppression } from '../../conversion/drift.js';
import type { Database } from '../../database.js';
import { nextNumber } from './next-number.js';

/** The SQL of `drift_suppressions`: rules that keep known drift from being reported, until they expire. */
export class DriftSuppressionRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Numbered max + 1: only under the drift write lock. */
  async addSuppression(rule: NewSuppression): Promise<SuppressionRule> {
    const id = await nextNumber(this.db, 'drift_suppressions');
    const row = suppressionRow(id, rule);
    await this.db.insertInto('drift_suppressions').values(row).execute();
    return rowToSuppression({ ...row, match: rule.match });
  }

  async listSuppressions(includeRemoved = false): Promise<SuppressionRule[]> {
    let q = this.db.selectFrom('drift_suppressions').selectAll().orderBy('id');
    if (!includeRemoved) q = q.where('removed_at', 'is', null);
    return (await q.execute()).map(rowToSuppression);
  }

  async removeSuppression(id: number, by: string, at: string): Promise<boolean> {
    const r = await this.db
      .updateTable('drift_suppressions')
      .set({ removed_at: at, removed_by: by })
      .where('id', '=', id)
      .where('removed_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }
}
