/** A verification of the audit chain as recorded: who ran it, when, and what it found. */
export interface VerificationRecord {
  id: string;
  at: string;
  by: string;
  /** Both the revision chain and the change records verified. */
  ok: boolean;
  revisions: number;
  /** The first revision that did not verify, if one did not. */
  firstBad: { rev: number; reason: string } | null;
  problemCount: number;
}

/** Where verifications are recorded: the store's `audit_verifications`. */
export interface VerificationLog {
  insert(record: VerificationRecord): Promise<void>;
  /** The newest first, at most `limit`. */
  recent(limit: number): Promise<VerificationRecord[]>;
}
