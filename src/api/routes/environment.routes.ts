import type { FastifyInstance } from 'fastify';
import { IdempotencyHeaders, responses } from '../../contracts/common.js';
import {
  EnvironmentsApplied,
  EnvironmentsBody,
  EnvironmentsCheck,
  EnvironmentsView,
  EnvironmentVersionList,
  EnvironmentVersionParams,
} from '../../contracts/environment.contracts.js';
import { ENVIRONMENTS_DOCUMENT } from '../../core/policy/environments-input.js';
import { principalOf } from '../request-context.js';
import type { ApiServices } from '../services.js';

/** Environments as data (`cairn env`): read by everyone, applied by those who keep the policy. */
export function environmentRoutes(app: FastifyInstance, s: ApiServices): void {
  app.get(
    '/api/v1/environments',
    {
      schema: {
        tags: ['environments'],
        summary: 'The environments in force, in promotion order, with their version (`cairn env list`)',
        response: responses({ 200: EnvironmentsView }),
      },
      config: { action: 'change:read' },
    },
    async () => s.environments.current(),
  );

  app.post<{ Body: EnvironmentsBody }>(
    '/api/v1/environments',
    {
      schema: {
        tags: ['environments'],
        summary: 'Apply an environments document as a new version (`cairn env apply`)',
        headers: IdempotencyHeaders,
        body: EnvironmentsBody,
        response: responses({ 200: EnvironmentsApplied }, [422]),
      },
      config: { action: 'environment:manage', document: ENVIRONMENTS_DOCUMENT },
    },
    async (req) => {
      const { name, roles } = principalOf(req);
      return s.environments.apply(req.body, name, { relaxControl: roles.includes('admin') });
    },
  );

  app.post<{ Body: EnvironmentsBody }>(
    '/api/v1/environments/check',
    {
      schema: {
        tags: ['environments'],
        summary: 'Check an environments document as applying it would, writing nothing (`cairn env apply --dry-run`)',
        body: EnvironmentsBody,
        response: responses({ 200: EnvironmentsCheck }),
      },
      config: { action: 'environment:manage', document: ENVIRONMENTS_DOCUMENT },
    },
    async (req) => ({ valid: true as const, ...(await s.environments.check(req.body)) }),
  );

  app.get(
    '/api/v1/environments/versions',
    {
      schema: {
        tags: ['environments'],
        summary: 'Every applied environments version, oldest first (`cairn env versions`)',
        response: responses({ 200: EnvironmentVersionList }),
      },
      config: { action: 'change:read' },
    },
    async () => ({ items: await s.environments.versions() }),
  );

  app.get<{ Params: { version: number } }>(
    '/api/v1/environments/versions/:version',
    {
      schema: {
        tags: ['environments'],
        summary: 'One applied environments version, whole',
        params: EnvironmentVersionParams,
        response: responses({ 200: EnvironmentsView }, [404]),
      },
      config: { action: 'change:read' },
    },
    async (req) => s.environments.version(req.params.version),
  );
}
