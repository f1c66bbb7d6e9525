import type { ChangeReader } from '../change/change.port.js';
import type { CmdbReader } from '../cmdb/cmdb.port.js';
import { MAX_PROBLEMS, type AuditProblem } from './problems.js';
import type { Clock } from '../shared/clock.js';
import type { IdGenerator } from '../shared/ids.js';
import type { VerificationLog, VerificationRecord } from './verification-log.js';
import { verifyChain } from './verify.js';
import { verifyChangeRecords, type ChangeVerifyResult } from './verify-records.js';

/** What `cairn audit verify` and GET /audit/verify report: both chains, `ok` only when both hold. */
export interface AuditVerification {
  ok: boolean;
  revisions: number;
  /** The first revision that does not verify, and why. */
  firstBad?: { rev: number; reason: string };
  changeRecords: Omit<ChangeVerifyResult, 'problems' | 'problemCount'>;
  /** Every bad record found, revisions and version rows first, then change records (at most MAX_PROBLEMS). */
  problems?: AuditProblem[];
  /** How many problems there were in all, when some were found. */
  problemCount?: number;
}

/** The tamper-evident history, checked: the revision chain, then the change records. */
export class AuditService {
  constructor(
    private readonly deps: {
      cmdb: CmdbReader;
      changes: ChangeReader;
      /** Where verifications made through the API are recorded; without it they are not. */
      log?: { store: VerificationLog; clock: Clock; ids: IdGenerator };
    },
  ) {}

  /**
   * Verifies, then records who verified, when, and what was found (the web UI's audit page), so
   * that an auditor can show when the trail was last checked. Recorded after the check, so a
   * verification that could not finish leaves no record.
   */
  async verifyAndRecord(by: string): Promise<{ record: VerificationRecord; result: AuditVerification }> {
    const log = this.requireLog();
    const result = await this.verify();
    const record: VerificationRecord = {
      id: log.ids.next('aud'),
      at: log.clock.now().toISOString(),
      by,
      ok: result.ok,
      revisions: result.revisions,
      firstBad: result.firstBad ?? null,
      problemCount: result.problemCount ?? 0,
    };
    await log.store.insert(record);
    return { record, result };
  }

  /** The recorded verifications, newest first. */
  async recentVerifications(limit = 20): Promise<VerificationRecord[]> {
    return this.requireLog().store.recent(limit);
  }

  private requireLog() {
    if (!this.deps.log) throw new Error('AuditService was built without a verification log');
    return this.deps.log;
  }

  async verify(): Promise<AuditVerification> {
    const chain = await verifyChain(this.deps.cmdb);
    const {
      problems: recordProblems,
      problemCount: recordCount,
      ...changeRecords
    } = await verifyChangeRecords(this.deps.changes, { head: chain.revisions });
    const problems = [...(chain.problems ?? []), ...(recordProblems ?? [])].slice(0, MAX_PROBLEMS);
    const problemCount = (chain.problemCount ?? 0) + (recordCount ?? 0);
    return {
      ok: chain.ok && changeRecords.ok,
      revisions: chain.revisions,
      ...(chain.firstBad ? { firstBad: chain.firstBad } : {}),
      changeRecords,
      ...(problemCount > 0 ? { problems, problemCount } : {}),
    };
  }
}
