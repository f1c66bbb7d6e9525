import type { FastifyInstance } from 'fastify';
import { verifyChain, verifyChangeRecords } from '../../core/audit/verify.js';
import { toRevisionView } from '../../core/revision/revision.types.js';
import { NotFoundError } from '../../core/shared/errors.js';
import { responses } from '../../contracts/common.js';
import { DiffQuery, DiffView, ListRevisionsQuery, RevisionPage, RevisionView, RevParams, VerifyResult } from '../../contracts/history.contracts.js';
import type { ApiServices } from '../services.js';
import { refArg } from './route-helpers.js';

/** Status accounting: the revision log, one revision, diffs, and the audit chain. */
export function historyRoutes(app: FastifyInstance, s: ApiServices): void {
  app.get<{ Querystring: ListRevisionsQuery }>(
    '/api/v1/revisions',
    { schema: { tags: ['revisions'], summary: 'Revisions, newest first, of the CMDB or of one CI', querystring: ListRevisionsQuery, response: responses({ 200: RevisionPage }, [404]) }, config: { action: 'cmdb:read' } },
    async (req) => {
      const limit = req.query.limit ?? 20;
      const revisions = await s.history.log({ ref: req.query.ci ? refArg(req.query.ci, 'query.ci') : undefined, limit: limit + 1, beforeRev: req.query.cursor === undefined ? undefined : Number(req.query.cursor) });
      const page = revisions.slice(0, limit);
      return { items: page.map(toRevisionView), nextCursor: revisions.length > limit ? String(page[page.length - 1]!.rev) : null };
    },
  );

  app.get<{ Params: { rev: number } }>(
    '/api/v1/revisions/:rev',
    { schema: { tags: ['revisions'], summary: 'One revision', params: RevParams, response: responses({ 200: RevisionView }, [404]) }, config: { action: 'cmdb:read' } },
    async (req) => {
      const r = await s.store.getRevision(req.params.rev);
      if (!r) throw new NotFoundError('REVISION_NOT_FOUND', `revision ${req.params.rev} does not exist`);
      return toRevisionView(r);
    },
  );

  app.get<{ Querystring: { from: string; to?: string } }>(
    '/api/v1/diff',
    { schema: { tags: ['revisions'], summary: 'What changed between two points (revision, baseline, CHG-n or time; to defaults to now)', querystring: DiffQuery, response: responses({ 200: DiffView }, [404]) }, config: { action: 'cmdb:read' } },
    async (req) => {
      const from = await s.history.resolvePoint(req.query.from);
      const to = req.query.to === undefined ? ((await s.store.head())?.rev ?? 0) : await s.history.resolvePoint(req.query.to);
      return s.history.diff(from, to);
    },
  );

  app.get(
    '/api/v1/audit/verify',
    { schema: { tags: ['audit'], summary: 'Recompute the hash chains of revisions and change records (`cairn audit verify`)', response: responses({ 200: VerifyResult }) }, config: { action: 'audit:verify' } },
    async () => {
      const result = await verifyChain(s.store);
      const changeRecords = await verifyChangeRecords(s.changeStore);
      return { ...result, ok: result.ok && changeRecords.ok, changeRecords };
    },
  );
}
