import type { FastifyInstance } from 'fastify';
import { IdempotencyHeaders, responses } from '../../contracts/common.js';
import {
  CreateReleaseBody,
  ReleaseDecisionBody,
  ReleasePage,
  ReleaseParams,
  ReleaseQuery,
  ReleaseView,
} from '../../contracts/release.contracts.js';
import { PipelineQuery, PipelineView } from '../../contracts/pipeline.contracts.js';
import { principalOf } from '../request-context.js';
import type { ApiServices } from '../services.js';

const PATH = '/api/v1/releases/:class/:name/:version';

/** Releases (`cairn release`): proposed by planners, decided by release managers. */
export function releaseRoutes(app: FastifyInstance, s: ApiServices): void {
  app.get<{ Querystring: ReleaseQuery }>(
    '/api/v1/releases',
    {
      schema: {
        tags: ['releases'],
        summary: 'Releases, newest version first (`cairn release list`)',
        querystring: ReleaseQuery,
        response: responses({ 200: ReleasePage }),
      },
      config: { action: 'release:read' },
    },
    async (req) => s.releases.list(req.query),
  );

  app.get<{ Querystring: PipelineQuery }>(
    '/api/v1/releases/pipeline',
    {
      schema: {
        tags: ['releases'],
        summary:
          'Services × environments: the release deployed in each, and the gates’ answer for the next promotion and a rollback',
        querystring: PipelineQuery,
        response: responses({ 200: PipelineView }),
      },
      config: { action: 'release:read' },
    },
    async (req) => s.pipeline.view(req.query),
  );

  app.post<{ Body: CreateReleaseBody }>(
    '/api/v1/releases',
    {
      schema: {
        tags: ['releases'],
        summary: 'Propose a release of a service at a version (`cairn release create`)',
        headers: IdempotencyHeaders,
        body: CreateReleaseBody,
        response: responses({ 201: ReleaseView }, [404, 409, 422]),
      },
      config: { action: 'release:request' },
    },
    async (req, reply) => {
      const { service, version, ...document } = req.body;
      reply.code(201);
      return s.releases.create(service, version, document, principalOf(req).name);
    },
  );

  app.get<{ Params: ReleaseParams }>(
    PATH,
    {
      schema: {
        tags: ['releases'],
        summary: 'One release (`cairn release show`)',
        params: ReleaseParams,
        response: responses({ 200: ReleaseView }, [404]),
      },
      config: { action: 'release:read' },
    },
    async (req) => s.releases.show(`${req.params.class}/${req.params.name}`, req.params.version),
  );

  for (const step of ['approve', 'reject'] as const)
    app.post<{ Params: ReleaseParams; Body: ReleaseDecisionBody }>(
      `${PATH}/${step}`,
      {
        schema: {
          tags: ['releases'],
          summary:
            step === 'approve'
              ? 'Approve a proposed release (not one you requested)'
              : 'Reject a proposed release, with a reason',
          params: ReleaseParams,
          body: ReleaseDecisionBody,
          response: responses({ 200: ReleaseView }, [404, 409]),
        },
        config: { action: 'release:approve' },
      },
      async (req) => {
        const service = `${req.params.class}/${req.params.name}`;
        const actor = principalOf(req).name;
        return step === 'approve'
          ? s.releases.approve(service, req.params.version, actor, req.body?.comment)
          : s.releases.reject(service, req.params.version, actor, req.body?.comment);
      },
    );
}
