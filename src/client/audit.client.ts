import type { RecordedVerification, VerificationList } from '../contracts/admin.contracts.js';

/**
 * Verifications of the audit chain that the server records (the web UI's audit page). The CLI's
 * `cairn audit verify` reads `history.verifyAudit` instead, which records nothing.
 */
export interface AuditClient {
  /** Verifies the chain and records who verified, when, and the result. */
  verify(): Promise<RecordedVerification>;
  /** The recorded verifications, newest first. */
  recent(limit?: number): Promise<VerificationList>;
}
