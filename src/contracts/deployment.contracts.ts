import { Type, type Static } from '@sinclair/typebox';
import { DEPLOYMENT_KINDS, DEPLOYMENT_STATES, GATE_NAMES } from '../core/release/deployment.types.js';
import { NonEmptyText } from '../core/shared/schema-words.js';
import { TimeWindowView } from './change.contracts.js';

/** Promotion, deployments, rollback and the pipeline gate over HTTP. */

const Gate = Type.Union(
  GATE_NAMES.map((v) => Type.Literal(v)),
  { description: 'release, previous, approvals, freeze, change' },
);
const Kind = Type.Union(
  DEPLOYMENT_KINDS.map((v) => Type.Literal(v)),
  { description: 'promotion or rollback' },
);
const State = Type.Union(
  DEPLOYMENT_STATES.map((v) => Type.Literal(v)),
  { description: 'running → succeeded | failed' },
);

export const GateResultView = Type.Object(
  {
    gate: Gate,
    passed: Type.Boolean(),
    reason: Type.String({ description: 'why, in one line' }),
    overridden: Type.Optional(Type.Boolean({ description: 'passed only because the emergency path overrode it' })),
  },
  { title: 'GateResult' },
);

export const DeploymentView = Type.Object(
  {
    id: Type.String(),
    service: Type.String({ description: 'the service’s CI, class/name' }),
    version: Type.String(),
    environment: Type.String(),
    kind: Kind,
    state: State,
    by: Type.String({ description: 'who deployed: a person or a pipeline’s token' }),
    pipeline: Type.Union([Type.String(), Type.Null()], { description: 'the pipeline run, as it named itself' }),
    startedAt: Type.String(),
    finishedAt: Type.Union([Type.String(), Type.Null()]),
    change: Type.Union([Type.String(), Type.Null()], { description: 'CHG-n that authorized it' }),
    revision: Type.Union([Type.Integer(), Type.Null()], { description: 'the revision of its CI updates' }),
    emergency: Type.Union([Type.String(), Type.Null()], { description: 'why the emergency path was taken' }),
    rollbackOf: Type.Union([Type.String(), Type.Null()], { description: 'a rollback: the version it replaced' }),
    gates: Type.Array(GateResultView),
    note: Type.Union([Type.String(), Type.Null()]),
  },
  { title: 'Deployment' },
);
export type DeploymentView = Static<typeof DeploymentView>;

export const DeploymentPage = Type.Object(
  { items: Type.Array(DeploymentView), total: Type.Integer() },
  { title: 'DeploymentPage', description: 'newest first; total counts every deployment that matched' },
);
export type DeploymentPage = Static<typeof DeploymentPage>;

export const GateAnswerView = Type.Object(
  {
    decision: Type.Union([Type.Literal('allow'), Type.Literal('deny')]),
    service: Type.String(),
    version: Type.String(),
    environment: Type.String(),
    kind: Kind,
    gates: Type.Array(GateResultView),
    reasons: Type.Array(Type.String(), { description: 'the failing gates, one line each: `gate: reason`' }),
    rollbackOf: Type.Optional(Type.String()),
    deployment: Type.Optional(DeploymentView),
  },
  { title: 'GateAnswer' },
);
export type GateAnswerView = Static<typeof GateAnswerView>;

export const PromotionApprovalView = Type.Object(
  {
    id: Type.String(),
    releaseId: Type.String(),
    environment: Type.String(),
    group: Type.String(),
    by: Type.String(),
    at: Type.String(),
    comment: Type.Union([Type.String(), Type.Null()]),
  },
  { title: 'PromotionApproval' },
);
export type PromotionApprovalView = Static<typeof PromotionApprovalView>;

const Environment = NonEmptyText({ maxLength: 100, description: 'the environment’s name' });
const Emergency = Type.Optional(
  Type.String({ maxLength: 4000, description: 'take the emergency path, saying why: gates overridden, recorded' }),
);
const Pipeline = Type.Optional(Type.String({ maxLength: 2048, description: 'the pipeline run (a name or URL)' }));

export const PromoteBody = Type.Object(
  { environment: Environment, emergency: Emergency, pipeline: Pipeline },
  { title: 'Promote', additionalProperties: false },
);
export type PromoteBody = Static<typeof PromoteBody>;

export const RollbackBody = Type.Object(
  { service: NonEmptyText(), environment: Environment, emergency: Emergency, pipeline: Pipeline },
  { title: 'Rollback', additionalProperties: false },
);
export type RollbackBody = Static<typeof RollbackBody>;

export const PromotionApprovalBody = Type.Object(
  {
    environment: Environment,
    group: Type.Optional(Type.String({ maxLength: 200, description: 'the required group approved for' })),
    comment: Type.Optional(Type.String({ maxLength: 4000 })),
  },
  { title: 'PromotionApprovalBody', additionalProperties: false },
);
export type PromotionApprovalBody = Static<typeof PromotionApprovalBody>;

export const ReleaseChangeBody = Type.Object(
  { environment: Environment, window: Type.Optional(TimeWindowView), assignee: Type.Optional(NonEmptyText()) },
  { title: 'ReleaseChangeBody', additionalProperties: false },
);
export type ReleaseChangeBody = Static<typeof ReleaseChangeBody>;

export const GateQuery = Type.Object({
  environment: Environment,
  emergency: Emergency,
});
export type GateQuery = Static<typeof GateQuery>;

export const DeploymentQuery = Type.Object({
  service: Type.Optional(Type.String({ description: 'class/name of one service' })),
  version: Type.Optional(Type.String()),
  environment: Type.Optional(Type.String()),
  state: Type.Optional(State),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
});
export type DeploymentQuery = Static<typeof DeploymentQuery>;

export const DeploymentParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });
export type DeploymentParams = Static<typeof DeploymentParams>;

/** `POST /gates/check`: may this release of the service be deployed into the environment now? */
export const GateCheckBody = Type.Object(
  {
    service: NonEmptyText({ description: 'the service’s CI, class/name' }),
    environment: Environment,
    release: NonEmptyText({ description: 'the release’s version' }),
    start: Type.Optional(Type.Boolean({ description: 'on allow, record the deployment as started' })),
    pipeline: Pipeline,
  },
  { title: 'GateCheck', additionalProperties: false },
);
export type GateCheckBody = Static<typeof GateCheckBody>;

/** `POST /gates/report`: the result of a deployment started by a gate check (by id, or by what it deployed). */
export const GateReportBody = Type.Object(
  {
    deployment: Type.Optional(Type.String({ maxLength: 100, description: 'the id the check returned' })),
    service: Type.Optional(Type.String({ maxLength: 500 })),
    environment: Type.Optional(Type.String({ maxLength: 100 })),
    release: Type.Optional(Type.String({ maxLength: 256 })),
    result: Type.Union([Type.Literal('success'), Type.Literal('failure')]),
    note: Type.Optional(Type.String({ maxLength: 4000 })),
  },
  { title: 'GateReport', additionalProperties: false },
);
export type GateReportBody = Static<typeof GateReportBody>;
