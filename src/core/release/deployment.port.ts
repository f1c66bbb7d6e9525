import type { CmdbWriter } from '../cmdb/cmdb.port.js';
import type { Deployment, DeploymentState, PromotionApproval } from './deployment.types.js';

/** Which deployments to read; every criterion given must hold. */
export interface DeploymentQuery {
  service?: string;
  version?: string;
  environment?: string;
  state?: DeploymentState;
  /** Those whose CI updates a revision in (after, upTo] applied: the releases behind a stretch of history. */
  revisions?: { after: number; upTo: number };
}

export interface DeploymentReader {
  /** Deployments matching the query, oldest first (by start, then id). */
  listDeployments(query: DeploymentQuery): Promise<Deployment[]>;
  getDeployment(id: string): Promise<Deployment | undefined>;
  /**
   * What each environment runs: for every service and environment, its latest succeeded deployment
   * (promotion or rollback, latest by finish), by service then environment.
   */
  listCurrentDeployments(): Promise<Deployment[]>;
  /** The approvals given for promoting a release into an environment, oldest first. */
  listPromotionApprovals(releaseId: string, environment: string): Promise<PromotionApproval[]>;
}

export interface DeploymentWriter extends DeploymentReader {
  insertDeployment(d: Deployment): Promise<void>;
  /** Saves a deployment still in `from`; false (nothing written) when it moved on meanwhile. */
  updateDeployment(d: Deployment, from: DeploymentState): Promise<boolean>;
  /** ConflictError PROMOTION_ALREADY_APPROVED when that person already approved that promotion. */
  insertPromotionApproval(a: PromotionApproval): Promise<void>;
}

/**
 * Storage port of deployments. Writes happen `within` a CMDB write transaction, so that a
 * deployment, the revision of its CI updates and the change it implements commit together.
 */
export interface DeploymentStore extends DeploymentReader {
  within(tx: CmdbWriter): DeploymentWriter;
}
