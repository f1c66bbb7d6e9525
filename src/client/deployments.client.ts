import type { ChangeRecord } from '../contracts/change.contracts.js';
import type {
  DeploymentPage,
  DeploymentQuery,
  DeploymentView,
  GateAnswerView,
  GateCheckBody,
  GateReportBody,
  PromoteBody,
  PromotionApprovalBody,
  PromotionApprovalView,
  ReleaseChangeBody,
  RollbackBody,
} from '../contracts/deployment.contracts.js';

/** Promotion of releases into environments past their gates, deployments, rollback and the pipeline gate. */
export interface DeploymentsClient {
  /** The gates' answer for promoting a release into an environment; writes nothing. */
  gates(service: string, version: string, environment: string, emergency?: string): Promise<GateAnswerView>;
  promote(service: string, version: string, body: PromoteBody): Promise<DeploymentView>;
  /** Approves promoting a release into an environment, for a group it requires. */
  approve(service: string, version: string, body: PromotionApprovalBody): Promise<PromotionApprovalView>;
  /** Opens a normal change whose plan is the release's CI updates. */
  openChange(service: string, version: string, body: ReleaseChangeBody): Promise<ChangeRecord>;
  rollback(body: RollbackBody): Promise<DeploymentView>;
  list(query?: DeploymentQuery): Promise<DeploymentPage>;
  show(id: string): Promise<DeploymentView>;
  /** The pipeline gate: allow or deny with reasons; with `start`, the deployment recorded as started on allow. */
  check(body: GateCheckBody): Promise<GateAnswerView>;
  /** The result of a deployment a gate check started. */
  report(body: GateReportBody): Promise<DeploymentView>;
}
