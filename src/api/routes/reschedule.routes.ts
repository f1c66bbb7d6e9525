import type { FastifyInstance } from 'fastify';
import { IdempotencyHeaders, responses } from '../../contracts/common.js';
import { ChangeParams } from '../../contracts/change.contracts.js';
import {
  RescheduleBody,
  RescheduleQuery,
  ReschedulePreviewView,
  RescheduleResultView,
} from '../../contracts/reschedule.contracts.js';
import { principalOf } from '../request-context.js';
import type { ApiServices } from '../services.js';

/**
 * Moving an authorized or scheduled change to another window: GET says what it would do (the
 * calendar shows it while a window is dragged), POST does it. Who may is the schedule's rule.
 */
export function rescheduleRoutes(app: FastifyInstance, s: ApiServices): void {
  app.get<{ Params: { ref: string }; Querystring: RescheduleQuery }>(
    '/api/v1/changes/:ref/reschedule',
    {
      schema: {
        tags: ['changes'],
        summary: 'What moving the change to a window would do: conflicts, risk, approvals (writes nothing)',
        params: ChangeParams,
        querystring: RescheduleQuery,
        response: responses({ 200: ReschedulePreviewView }, [404, 409]),
      },
      config: { action: 'change:read' },
    },
    async (req) => s.changes.previewReschedule(req.params.ref, { start: req.query.start, end: req.query.end }),
  );

  app.post<{ Params: { ref: string }; Body: RescheduleBody }>(
    '/api/v1/changes/:ref/reschedule',
    {
      schema: {
        tags: ['changes'],
        summary:
          'Move an authorized or scheduled change to a new window; it goes back to submitted when the new risk needs approvals it lacks',
        params: ChangeParams,
        headers: IdempotencyHeaders,
        body: RescheduleBody,
        response: responses({ 200: RescheduleResultView }, [404, 409]),
      },
      config: { action: 'change:manage' },
    },
    async (req) => {
      const { window, overrideReason, comment } = req.body;
      return s.changes.reschedule(req.params.ref, principalOf(req).name, {
        window: { start: new Date(window.start).toISOString(), end: new Date(window.end).toISOString() },
        overrideReason,
        comment,
      });
    },
  );
}
