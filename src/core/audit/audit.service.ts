import type { ChangeReader } from '../change/change.port.js';
import type { CmdbReader } from '../cmdb/cmdb.port.js';
import { MAX_PROBLEMS, type AuditProblem } from './problems.js';
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
  constructor(private readonly deps: { cmdb: CmdbReader; changes: ChangeReader }) {}

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
