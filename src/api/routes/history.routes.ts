import type { FastifyInstance } from 'fastify';
import { toRevisionView } from '../../core/revision/revision.types.js';
import { responses } from '../../contracts/common.js';
import {
  DiffQuery,
  DiffView,
  ListRevisionsQuery,
  RevisionPage,
  RevisionView,
  RevParams,
  VerifyResult,
} from '../../contracts/history.contracts.js';
import type { ApiServices } from '../services.js';
import { refArg } from './route-helpers.js';

/** Status accounting: the revision log, one revision, diffs, and the audit chain. */
export function historyRoutes(app: FastifyInstance, s: ApiServices): void {
  app.get<{ Querystring: ListRevisionsQuery }>(
    '/api/v1/revisions',
    {
      schema: {
        tags: ['revisions'],
        summary: 'Revisions, newest first, of the CMDB or of one CI',
        querystring: ListRevisionsQuery,
        response: responses({ 200: RevisionPage }, [404]),
      },
      config: { action: 'cmdb:read' },
    },
    async (req) => {
      const page = await s.history.logPage({
        ref: req.query.ci ? refArg(req.query.ci, 'query.ci') : undefined,
        limit: req.query.limit ?? 20,
        cursor: req.query.cursor,
      });
      return { ...page, items: page.items.map(toRevisionView) };
    },
  );

  app.get<{ Params: { rev: number } }>(
    '/api/v1/revisions/:rev',
    {
      schema: {
        tags: ['revisions'],
        summary: 'One revision',
        params: RevParams,
        response: responses({ 200: RevisionView }, [404]),
      },
      config: { action: 'cmdb:read' },
    },
    async (req) => toRevisionView(await s.history.revision(req.params.rev)),
  );

  app.get<{ Querystring: { from: string; to?: string } }>(
    '/api/v1/diff',
    {
      schema: {
        tags: ['revisions'],
        summary: 'What changed between two points (revision, baseline, CHG-n or time; to defaults to now)',
        querystring: DiffQuery,
        response: responses({ 200: DiffView }, [404]),
      },
      config: { action: 'cmdb:read' },
    },
    async (req) => s.history.diffPoints(req.query.from, req.query.to),
  );

  app.get(
    '/api/v1/audit/verify',
    {
      schema: {
        tags: ['audit'],
        summary: 'Recompute the hash chains of revisions and change records (`cairn audit verify`)',
        response: responses({ 200: VerifyResult }),
      },
      config: { action: 'audit:verify' },
    },
    async () => s.audit.verify(),
  );
}
