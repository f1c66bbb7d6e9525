import { Type, type Static } from '@sinclair/typebox';
import { RELEASE_STATES } from '../core/release/release.types.js';
import { DeploymentView, GateAnswerView } from './deployment.contracts.js';

/** The release pipeline over HTTP: services × environments (`GET /releases/pipeline`). */

const State = Type.Union(RELEASE_STATES.map((s) => Type.Literal(s)));

const PipelineStep = Type.Object(
  {
    version: Type.String(),
    state: State,
    answer: GateAnswerView,
  },
  { title: 'PipelineStep', description: 'a release that could be deployed next, and the gates’ answer now' },
);

const PipelineCell = Type.Object(
  {
    environment: Type.String(),
    current: Type.Union([DeploymentView, Type.Null()], {
      description: 'the succeeded deployment that put the running release there; null before the first',
    }),
    attempt: Type.Union([DeploymentView, Type.Null()], {
      description: 'the newest deployment there when it did not succeed: running, or failed',
    }),
    next: Type.Union([PipelineStep, Type.Null()], {
      description:
        'the next promotion: the release running in the environment before (the newest release not rejected, for the first)',
    }),
    rollback: Type.Union([PipelineStep, Type.Null()], { description: 'what a rollback would redeploy' }),
  },
  { title: 'PipelineCell' },
);

export const PipelineView = Type.Object(
  {
    environments: Type.Array(Type.Object({ name: Type.String(), controlled: Type.Boolean() }), {
      description: 'in promotion order',
    }),
    services: Type.Array(
      Type.Object({
        service: Type.String({ description: 'the service’s CI, class/name' }),
        newest: Type.Object({ version: Type.String(), state: State }),
        cells: Type.Array(PipelineCell, { description: 'one per environment, in promotion order' }),
      }),
      { description: 'every service that has a release, by name' },
    ),
  },
  { title: 'Pipeline' },
);
export type PipelineView = Static<typeof PipelineView>;

export const PipelineQuery = Type.Object({
  service: Type.Optional(Type.String({ description: 'class/name of one service' })),
});
export type PipelineQuery = Static<typeof PipelineQuery>;
