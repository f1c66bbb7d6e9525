import type { ChangeReader } from '../change/change.port.js';
import type { CmdbReader } from '../cmdb/cmdb.port.js';
import { verifyChain, verifyChangeRecords, type ChangeVerifyResult } from './verify.js';

/** What `cairn audit verify` and GET /audit/verify report: both chains, `ok` only when both hold. */
export interface AuditVerification {
  ok: boolean;
  revisions: number;
  /** The first revision that does not verify, and why. */
  firstBad?: { rev: number; reason: string };
  changeRecords: ChangeVerifyResult;
}

/** The tamper-evident history, checked: the revision chain, then the change records. */
export class AuditService {
  constructor(private readonly deps: { cmdb: CmdbReader; changes: ChangeReader }) {}

  async verify(): Promise<AuditVerification> {
    const chain = await verifyChain(this.deps.cmdb);
    const changeRecords = await verifyChangeRecords(this.deps.changes);
    return {
      ok: chain.ok && changeRecords.ok,
      revisions: chain.revisions,
      ...(chain.firstBad ? { firstBad: chain.firstBad } : {}),
      changeRecords,
    };
  }
}
