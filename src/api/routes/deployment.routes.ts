import type { FastifyInstance, FastifyRequest } from 'fastify';
import { mayDo } from '../../core/auth/permissions.js';
import { NotAllowedError } from '../../core/shared/errors.js';
import { ChangeRecord } from '../../contracts/change.contracts.js';
import { IdempotencyHeaders, responses } from '../../contracts/common.js';
import {
  DeploymentPage,
  DeploymentParams,
  DeploymentQuery,
  DeploymentView,
  GateAnswerView,
  GateQuery,
  PromoteBody,
  PromotionApprovalBody,
  PromotionApprovalView,
  ReleaseChangeBody,
  RollbackBody,
} from '../../contracts/deployment.contracts.js';
import { ReleaseParams } from '../../contracts/release.contracts.js';
import { principalOf } from '../request-context.js';
import type { ApiServices } from '../services.js';

const RELEASE = '/api/v1/releases/:class/:name/:version';

/** The emergency path overrides gates: only roles that answer for it may take it. */
function emergencyOf(req: FastifyRequest, emergency: string | undefined): string | undefined {
  if (emergency !== undefined && !mayDo(principalOf(req).roles, 'release:emergency'))
    throw new NotAllowedError(
      'FORBIDDEN',
      'only a release manager, a change manager or an admin may take the emergency path',
    );
  return emergency;
}

/** Promotion into environments, rollback, promotion approvals and deployments (`cairn release …`). */
export function deploymentRoutes(app: FastifyInstance, s: ApiServices): void {
  const service = (p: ReleaseParams) => `${p.class}/${p.name}`;

  app.get<{ Params: ReleaseParams; Querystring: GateQuery }>(
    `${RELEASE}/gates`,
    {
      schema: {
        tags: ['releases'],
        summary: 'The gates’ answer for promoting the release into an environment; writes nothing',
        params: ReleaseParams,
        querystring: GateQuery,
        response: responses({ 200: GateAnswerView }, [404]),
      },
      config: { action: 'release:read' },
    },
    async (req) =>
      s.promotions.check({
        service: service(req.params),
        version: req.params.version,
        environment: req.query.environment,
        ...(req.query.emergency !== undefined ? { emergency: req.query.emergency } : {}),
      }),
  );

  app.post<{ Params: ReleaseParams; Body: PromoteBody }>(
    `${RELEASE}/promote`,
    {
      schema: {
        tags: ['releases'],
        summary: 'Promote the release into an environment past its gates (`cairn release promote --env`)',
        headers: IdempotencyHeaders,
        params: ReleaseParams,
        body: PromoteBody,
        response: responses({ 201: DeploymentView }, [404, 409]),
      },
      config: { action: 'release:deploy' },
    },
    async (req, reply) => {
      const emergency = emergencyOf(req, req.body.emergency);
      const d = await s.promotions.promote(
        {
          service: service(req.params),
          version: req.params.version,
          environment: req.body.environment,
          ...(emergency !== undefined ? { emergency } : {}),
          ...(req.body.pipeline !== undefined ? { pipeline: req.body.pipeline } : {}),
        },
        principalOf(req).name,
      );
      reply.code(201);
      return d;
    },
  );

  app.post<{ Params: ReleaseParams; Body: PromotionApprovalBody }>(
    `${RELEASE}/approvals`,
    {
      schema: {
        tags: ['releases'],
        summary: 'Approve promoting the release into an environment that requires approvals',
        params: ReleaseParams,
        body: PromotionApprovalBody,
        response: responses({ 201: PromotionApprovalView }, [404, 409]),
      },
      config: { action: 'promotion:approve' },
    },
    async (req, reply) => {
      const { environment, group, comment } = req.body;
      const a = await s.promotions.approve(
        { service: service(req.params), version: req.params.version, environment },
        principalOf(req).name,
        { ...(group !== undefined ? { group } : {}), ...(comment !== undefined ? { comment } : {}) },
      );
      reply.code(201);
      return a;
    },
  );

  app.post<{ Params: ReleaseParams; Body: ReleaseChangeBody }>(
    `${RELEASE}/change`,
    {
      schema: {
        tags: ['releases'],
        summary: 'Open a normal change whose plan is the release’s CI updates (`cairn release change`)',
        params: ReleaseParams,
        body: ReleaseChangeBody,
        response: responses({ 201: ChangeRecord }, [404, 409]),
      },
      config: { action: 'change:request' },
    },
    async (req, reply) => {
      const c = await s.promotions.openChange(
        { service: service(req.params), version: req.params.version, ...req.body },
        principalOf(req).name,
      );
      reply.code(201);
      return c;
    },
  );

  app.post<{ Body: RollbackBody }>(
    '/api/v1/deployments/rollback',
    {
      schema: {
        tags: ['releases'],
        summary: 'Redeploy the release before the current one in an environment (`cairn release rollback --env`)',
        headers: IdempotencyHeaders,
        body: RollbackBody,
        response: responses({ 201: DeploymentView }, [404, 409]),
      },
      config: { action: 'release:deploy' },
    },
    async (req, reply) => {
      const { emergency: asked, ...rest } = req.body;
      const emergency = emergencyOf(req, asked);
      const d = await s.promotions.rollback(
        { ...rest, ...(emergency !== undefined ? { emergency } : {}) },
        principalOf(req).name,
      );
      reply.code(201);
      return d;
    },
  );

  app.get<{ Querystring: DeploymentQuery }>(
    '/api/v1/deployments',
    {
      schema: {
        tags: ['releases'],
        summary: 'Deployments, newest first (`cairn release deployments`)',
        querystring: DeploymentQuery,
        response: responses({ 200: DeploymentPage }),
      },
      config: { action: 'release:read' },
    },
    async (req) => s.promotions.list(req.query),
  );

  app.get<{ Params: DeploymentParams }>(
    '/api/v1/deployments/:id',
    {
      schema: {
        tags: ['releases'],
        summary: 'One deployment',
        params: DeploymentParams,
        response: responses({ 200: DeploymentView }, [404]),
      },
      config: { action: 'release:read' },
    },
    async (req) => s.promotions.get(req.params.id),
  );
}
