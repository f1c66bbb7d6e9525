import type { FastifyInstance } from 'fastify';
import { IdempotencyHeaders, responses } from '../../contracts/common.js';
import {
  CabMinutesList,
  CabMinutesView,
  MinutesParams,
  MinutesQuery,
  RecordMinutesBody,
  UpdateMinutesBody,
} from '../../contracts/cab.contracts.js';
import { principalOf } from '../request-context.js';
import type { ApiServices } from '../services.js';

/**
 * Minutes of CAB meetings: CAB members and change managers (those who decide changes) record
 * them; everyone who reads changes, auditors included, reads them.
 */
export function cabRoutes(app: FastifyInstance, s: ApiServices): void {
  app.get<{ Querystring: MinutesQuery }>(
    '/api/v1/cab/meetings',
    {
      schema: {
        tags: ['changes'],
        summary: 'Minutes of CAB meetings, newest meeting first; of one date with `date` (`cairn cab minutes list`)',
        querystring: MinutesQuery,
        response: responses({ 200: CabMinutesList }),
      },
      config: { action: 'change:read' },
    },
    async (req) => s.cabMinutes.list({ date: req.query.date, limit: req.query.limit ?? 50 }),
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/cab/meetings/:id',
    {
      schema: {
        tags: ['changes'],
        summary: 'One record of CAB minutes (`cairn cab minutes show`)',
        params: MinutesParams,
        response: responses({ 200: CabMinutesView }, [404]),
      },
      config: { action: 'change:read' },
    },
    async (req) => s.cabMinutes.get(req.params.id),
  );

  app.post<{ Body: RecordMinutesBody }>(
    '/api/v1/cab/meetings',
    {
      schema: {
        tags: ['changes'],
        summary:
          'Record the minutes of a meeting (open until closed); with `corrects`, a correction of closed minutes (`cairn cab minutes record`)',
        headers: IdempotencyHeaders,
        body: RecordMinutesBody,
        response: responses({ 201: CabMinutesView }, [409, 422]),
      },
      config: { action: 'change:approve' },
    },
    async (req, reply) => {
      const created = await s.cabMinutes.record(req.body, principalOf(req).name);
      reply.code(201).header('location', `/api/v1/cab/meetings/${created.id}`);
      return created;
    },
  );

  app.put<{ Params: { id: string }; Body: UpdateMinutesBody }>(
    '/api/v1/cab/meetings/:id',
    {
      schema: {
        tags: ['changes'],
        summary:
          'Rewrite the attendees and notes of open minutes; closed minutes answer 409 (`cairn cab minutes edit`)',
        params: MinutesParams,
        body: UpdateMinutesBody,
        response: responses({ 200: CabMinutesView }, [404, 409, 422]),
      },
      config: { action: 'change:approve' },
    },
    async (req) => s.cabMinutes.update(req.params.id, req.body),
  );

  app.post<{ Params: { id: string } }>(
    '/api/v1/cab/meetings/:id/close',
    {
      schema: {
        tags: ['changes'],
        summary:
          'Close the minutes: the decisions are gathered a last time and nothing changes after (`cairn cab minutes close`)',
        params: MinutesParams,
        response: responses({ 200: CabMinutesView }, [404, 409]),
      },
      config: { action: 'change:approve' },
    },
    async (req) => s.cabMinutes.close(req.params.id, principalOf(req).name),
  );
}
