import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { Empty, IdempotencyHeaders, responses } from '../../contracts/common.js';
import { CreateScheduleBody, FindingsQuery, FindingView, ObservationParams, ObservationView, ScheduleParams, ScheduleView } from '../../contracts/drift.contracts.js';
import { principalOf } from '../request-context.js';
import type { ApiServices } from '../services.js';

/** Drift findings and observations (read), and the schedules of server-side drift checks. */
export function driftRoutes(app: FastifyInstance, s: ApiServices): void {
  const read = { action: 'drift:read' as const };
  const manage = { action: 'drift:manage' as const };

  app.get<{ Querystring: FindingsQuery }>(
    '/api/v1/drift/findings',
    { schema: { tags: ['drift'], summary: 'Stored drift findings, oldest first (`cairn drift list`)', querystring: FindingsQuery, response: responses({ 200: Type.Array(FindingView) }) }, config: read },
    async (req) => {
      const q = req.query;
      return s.drift.listFindings({ source: q.source, state: q.state, class: q.class, kind: q.kind, observationId: q.observation, limit: q.limit ?? 1000 });
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/drift/observations/:id',
    { schema: { tags: ['drift'], summary: 'One observation (counts and hash, never the items)', params: ObservationParams, response: responses({ 200: ObservationView }, [404]) }, config: read },
    async (req) => s.drift.observation(req.params.id),
  );

  app.get('/api/v1/drift/schedules', { schema: { tags: ['drift'], summary: 'Scheduled drift checks', response: responses({ 200: Type.Array(ScheduleView) }) }, config: read }, async () => s.driftSchedules.list());

  app.post<{ Body: CreateScheduleBody }>(
    '/api/v1/drift/schedules',
    { schema: { tags: ['drift'], summary: 'Schedule a drift check of a source, run by the servers\' job queue', headers: IdempotencyHeaders, body: CreateScheduleBody, response: responses({ 201: ScheduleView }, [409, 422]) }, config: manage },
    async (req, reply) => {
      const schedule = await s.driftSchedules.add(req.body, principalOf(req).name);
      reply.code(201).header('location', `/api/v1/drift/schedules/${schedule.id}`);
      return schedule;
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/api/v1/drift/schedules/:id',
    { schema: { tags: ['drift'], summary: 'Remove a schedule', params: ScheduleParams, response: responses({ 204: Empty }, [404]) }, config: manage },
    async (req, reply) => {
      await s.driftSchedules.remove(req.params.id);
      return reply.code(204).send();
    },
  );
}
