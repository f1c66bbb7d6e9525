/** The gates a promotion into an environment passes, in the order they are checked and printed. */
export const GATE_NAMES = ['release', 'previous', 'approvals', 'freeze', 'change'] as const;
export type GateName = (typeof GATE_NAMES)[number];

/** One gate's answer: whether it passed, and why, in one line. */
export interface GateResult {
  gate: GateName;
  passed: boolean;
  reason: string;
  /** Passed only because the emergency path overrode it (the reason says so). */
  overridden?: boolean;
}

export const DEPLOYMENT_KINDS = ['promotion', 'rollback'] as const;
/** A promotion of a release, or a rollback that redeploys the release before it. */
export type DeploymentKind = (typeof DEPLOYMENT_KINDS)[number];

export const DEPLOYMENT_STATES = ['running', 'succeeded', 'failed'] as const;
/** running → succeeded | failed; a succeeded deployment is deployed and verified. */
export type DeploymentState = (typeof DEPLOYMENT_STATES)[number];

/** One promotion of a release into an environment, and its result. */
export interface Deployment {
  /** `dep_01J…`. */
  id: string;
  service: string;
  version: string;
  environment: string;
  kind: DeploymentKind;
  state: DeploymentState;
  /** Who deployed: a person, or a pipeline's token (`token:ci`). */
  by: string;
  /** The pipeline run that deployed it (a name or URL it gave), when one did. */
  pipeline: string | null;
  startedAt: string;
  finishedAt: string | null;
  /** `CHG-n` of the change that authorized it, where the environment is under change control. */
  change: string | null;
  /** The revision that applied the release's CI updates (null when none applied there). */
  revision: number | null;
  /** Set on the emergency path: why the gates were overridden. */
  emergency: string | null;
  /** A rollback: the version it replaced. */
  rollbackOf: string | null;
  /** The gates as they were answered when it started. */
  gates: GateResult[];
  /** What the deployer reported with the result. */
  note: string | null;
}

/** One approval of a release's promotion into an environment, given for one of the groups it requires. */
export interface PromotionApproval {
  id: string;
  releaseId: string;
  environment: string;
  group: string;
  by: string;
  at: string;
  comment: string | null;
}
