import type { FastifyInstance } from 'fastify';
import { CHANGE_DOCUMENT } from '../../core/change/change-input.js';
import { responses } from '../../contracts/common.js';
import { ChangeParams, ChangeRecord } from '../../contracts/change.contracts.js';
import {
  ChangePreviewBody,
  ChangePreviewQuery,
  ChangePreviewView,
  EditChangeBody,
} from '../../contracts/change-form.contracts.js';
import { principalOf } from '../request-context.js';
import type { ApiServices } from '../services.js';

/**
 * What the change form asks while a change is written: its preview (impact, risk, conflicts and
 * approvals, before it is saved) and the edit of a draft. Errors name the document's fields.
 */
export function changeFormRoutes(app: FastifyInstance, s: ApiServices): void {
  app.post<{ Body: ChangePreviewBody; Querystring: ChangePreviewQuery }>(
    '/api/v1/changes/preview',
    {
      schema: {
        tags: ['changes'],
        summary: 'What a change document would come to: impact, risk, conflicts, approvals (writes nothing)',
        querystring: ChangePreviewQuery,
        body: ChangePreviewBody,
        response: responses({ 200: ChangePreviewView }, [400, 404]),
      },
      config: { action: 'change:request', document: CHANGE_DOCUMENT },
    },
    async (req) => {
      await s.graphSync.catchUp();
      return s.changes.preview(req.body, req.query.ref);
    },
  );

  app.patch<{ Params: { ref: string }; Body: EditChangeBody }>(
    '/api/v1/changes/:ref',
    {
      schema: {
        tags: ['changes'],
        summary: "Replace a draft's fields and plan with a change document (drafts only)",
        params: ChangeParams,
        body: EditChangeBody,
        response: responses({ 200: ChangeRecord }, [400, 404, 409]),
      },
      config: { action: 'change:request', document: CHANGE_DOCUMENT },
    },
    async (req) => {
      await s.graphSync.catchUp();
      return s.changes.edit(req.params.ref, req.body, principalOf(req).name);
    },
  );
}
