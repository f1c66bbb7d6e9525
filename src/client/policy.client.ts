import type { PolicyCheck } from '../contracts/admin.contracts.js';
import type { PolicyApplied, PolicyBody, PolicyView } from '../contracts/change-governance.contracts.js';

/** The approval policy: groups, rules, quorum, change control, windows and templates, kept as versioned data. */
export interface PolicyClient {
  /** The policy in force, with its version (0: the built-in default). */
  show(): Promise<PolicyView>;
  /**
   * Applies a policy document (policy.yaml, as a person wrote it: the receiver checks it against
   * PolicyBody) as a new version, as the caller; an unchanged policy writes nothing.
   */
  apply(document: PolicyBody | Record<string, unknown>): Promise<PolicyApplied>;
  /** Checks a policy document as `apply` would (throws its POLICY_INVALID), writing nothing. */
  check(document: PolicyBody | Record<string, unknown>): Promise<PolicyCheck>;
}
