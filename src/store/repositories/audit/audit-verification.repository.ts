import type { Kysely } from 'kysely';
import type { VerificationLog, VerificationRecord } from '../../../core/audit/verification-log.js';
import { readTime } from '../../conversion/values.js';
import type { Database } from '../../database.js';

/** The SQL of the verification log: one row per verification, read newest first. */
export class AuditVerificationRepository implements VerificationLog {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(r: VerificationRecord): Promise<void> {
    await this.db
      .insertInto('audit_verifications')
      .values({
        id: r.id,
        at: r.at,
        verified_by: r.by,
        ok: r.ok ? 1 : 0,
        revisions: r.revisions,
        first_bad_rev: r.firstBad?.rev ?? null,
        first_bad_reason: r.firstBad?.reason ?? null,
        problem_count: r.problemCount,
      })
      .execute();
  }

  async recent(limit: number): Promise<VerificationRecord[]> {
    const rows = await this.db
      .selectFrom('audit_verifications')
      .selectAll()
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      at: readTime(r.at),
      by: r.verified_by,
      ok: r.ok === 1,
      revisions: r.revisions,
      firstBad: r.first_bad_rev === null ? null : { rev: Number(r.first_bad_rev), reason: r.first_bad_reason ?? '' },
      problemCount: r.problem_count,
    }));
  }
}
