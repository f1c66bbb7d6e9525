import type { Time } from '../../column-types.js';

/** One verification of the audit chain (migration 0013). */
export interface AuditVerificationsTable {
  id: string;
  at: Time;
  verified_by: string;
  /** 1 when both chains verified. */
  ok: number;
  revisions: number;
  first_bad_rev: number | null;
  first_bad_reason: string | null;
  problem_count: number;
}
