import type { Kysely } from 'kysely';
import type { ReviewFlag } from '../../../core/drift/drift.types.js';
import { rowToRevision } from '../../conversion/cmdb.js';
import { reviewRow, rowToReview } from '../../conversion/drift.js';
import type { Database } from '../../database.js';

/**
 * The SQL of `drift_reviews`: revisions that accepted drift into the CMDB, flagged for a person to
 * review. A drift revision is written before its flag, so one whose flag never got written (the
 * process died in between) is found from `revisions` and counts as pending too.
 */
export class DriftReviewRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async flagForReview(f: ReviewFlag): Promise<void> {
    await this.db.insertInto('drift_reviews').values(reviewRow(f)).execute();
  }

  async pendingReviews(): Promise<ReviewFlag[]> {
    const flagged = (
      await this.db.selectFrom('drift_reviews').selectAll().where('reviewed_at', 'is', null).execute()
    ).map(rowToReview);
    return [...flagged, ...(await this.unflaggedDriftRevisions())].sort((a, b) => a.rev - b.rev);
  }

  async markReviewed(rev: number, by: string, at: string, note?: string): Promise<boolean> {
    const r = await this.db
      .updateTable('drift_reviews')
      .set({ reviewed_at: at, reviewed_by: by, note: note ?? null })
      .where('rev', '=', rev)
      .where('reviewed_at', 'is', null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) > 0) return true;
    const orphan = (await this.unflaggedDriftRevisions()).find((f) => f.rev === rev);
    if (!orphan) return false;
    await this.flagForReview(orphan);
    return this.markReviewed(rev, by, at, note);
  }

  /** Revisions written as accepted drift whose flag never got written. */
  private async unflaggedDriftRevisions(): Promise<ReviewFlag[]> {
    const rows = await this.db
      .selectFrom('revisions')
      .selectAll()
      .where('source', 'like', 'drift:%')
      .where('rev', 'not in', (eb) => eb.selectFrom('drift_reviews').select('rev'))
      .execute();
    return rows.map(rowToRevision).map((r) => ({
      rev: r.rev,
      source: r.source.slice('drift:'.length),
      observationIds: [],
      findingIds: [],
      flaggedAt: r.at,
      flaggedBy: r.author,
    }));
  }
}
