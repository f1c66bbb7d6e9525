import type { FastifyInstance } from 'fastify';
import { AtQuery, IdempotencyHeaders, responses } from '../../contracts/common.js';
import { WriteOutcome } from '../../contracts/ci.contracts.js';
import {
  BaselineDetail,
  Baseline,
  BaselineParams,
  ClassApplyBody,
  ClassDetail,
  ClassesView,
  ClassParams,
  CreateBaselineBody,
} from '../../contracts/history.contracts.js';
import { Type } from '@sinclair/typebox';
import { outcomeJson } from '../../core/cmdb/write-views.js';
import { principalOf } from '../request-context.js';
import type { ApiServices } from '../services.js';
import { meta } from './route-helpers.js';

/** The class registry and baselines. */
export function modelRoutes(app: FastifyInstance, s: ApiServices): void {
  app.get<{ Querystring: { at?: string } }>(
    '/api/v1/classes',
    {
      schema: {
        tags: ['classes'],
        summary: 'Classes and relationship types (now or as of a point)',
        querystring: AtQuery,
        response: responses({ 200: ClassesView }, [404]),
      },
      config: { action: 'cmdb:read' },
    },
    async (req) => s.model.classes(req.query.at),
  );

  app.get<{ Params: { name: string } }>(
    '/api/v1/classes/:name',
    {
      schema: {
        tags: ['classes'],
        summary: 'One class with its lineage, statuses and identification keys',
        params: ClassParams,
        response: responses({ 200: ClassDetail }, [404]),
      },
      config: { action: 'cmdb:read' },
    },
    async (req) => s.model.getClass(req.params.name),
  );

  app.post<{
    Body: { classes?: Record<string, unknown>[]; relationTypes?: Record<string, unknown>[]; message?: string };
  }>(
    '/api/v1/classes/apply',
    {
      schema: {
        tags: ['classes'],
        summary: 'Define or change classes and relationship types (one revision)',
        headers: IdempotencyHeaders,
        body: ClassApplyBody,
        response: responses({ 200: WriteOutcome }, [409, 422]),
      },
      config: { action: 'model:write' },
    },
    async (req) => {
      const { message, ...doc } = req.body;
      return outcomeJson(await s.model.apply(doc, meta(req, message ?? 'class apply via API')));
    },
  );

  app.get(
    '/api/v1/baselines',
    {
      schema: { tags: ['baselines'], summary: 'Every baseline', response: responses({ 200: Type.Array(Baseline) }) },
      config: { action: 'cmdb:read' },
    },
    async () => s.baselines.list(),
  );

  app.get<{ Params: { name: string } }>(
    '/api/v1/baselines/:name',
    {
      schema: {
        tags: ['baselines'],
        summary: 'One baseline and how many CIs it holds',
        params: BaselineParams,
        response: responses({ 200: BaselineDetail }, [404]),
      },
      config: { action: 'cmdb:read' },
    },
    async (req) => s.baselines.show(req.params.name),
  );

  app.post<{ Body: { name: string; description?: string; at?: string } }>(
    '/api/v1/baselines',
    {
      schema: {
        tags: ['baselines'],
        summary: 'Name a revision (now, or `at` a point)',
        headers: IdempotencyHeaders,
        body: CreateBaselineBody,
        response: responses({ 201: Baseline }, [404, 409, 422]),
      },
      config: { action: 'baseline:create' },
    },
    async (req, reply) => {
      const b = await s.baselines.create({
        name: req.body.name,
        at: req.body.at,
        author: principalOf(req).name,
        description: req.body.description,
      });
      reply.code(201).header('location', `/api/v1/baselines/${encodeURIComponent(b.name)}`);
      return b;
    },
  );
}
