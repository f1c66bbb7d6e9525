import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { IdempotencyHeaders, IfMatchHeaders, responses } from '../../contracts/common.js';
import {
  ApplyBody,
  DeleteBody,
  ImpactQuery,
  ImpactReport,
  PlanQuery,
  PlanResult,
  WriteOutcome,
} from '../../contracts/ci.contracts.js';
import { RevertPlan, RevertPlanQuery, RevisionView } from '../../contracts/history.contracts.js';
import { toRevisionView } from '../../core/revision/revision.types.js';
import { InputError, PreconditionFailedError } from '../../core/shared/errors.js';
import { outcomeJson, planReport } from '../../core/cmdb/write-views.js';
import { checkAfterNoop, etagOf, parseIfMatch, withExpectation } from '../preconditions.js';
import type { ApiServices } from '../services.js';
import { meta, refArg, resolveAt } from './route-helpers.js';

/** Whole-CMDB operations: apply a document, plan it, delete CIs, the head revision, impact, revert plan. */
export function cmdbRoutes(app: FastifyInstance, s: ApiServices): void {
  app.get(
    '/api/v1/head',
    {
      schema: {
        tags: ['revisions'],
        summary: 'The newest revision (ETag: its number, for If-Match on POST /apply)',
        response: responses({ 200: RevisionView }, [404]),
      },
      config: { action: 'cmdb:read' },
    },
    async (_req, reply) => {
      const head = await s.history.head();
      reply.header('etag', etagOf(head.rev));
      return toRevisionView(head);
    },
  );

  app.post<{ Body: ApplyBody; Headers: { 'if-match'?: string } }>(
    '/api/v1/apply',
    {
      schema: {
        tags: ['cmdb'],
        summary: 'Upsert CIs, relationships and classes as one revision; If-Match: the head revision',
        headers: Type.Composite([IfMatchHeaders, IdempotencyHeaders]),
        body: ApplyBody,
        response: responses({ 200: WriteOutcome }, [409, 412, 422]),
      },
      config: { action: 'cmdb:write' },
    },
    async (req, reply) => {
      const { message, ...doc } = req.body;
      if ((doc.classes?.length ?? 0) > 0 || (doc.relationTypes?.length ?? 0) > 0)
        s.auth.authorize(req.principal!, 'model:write');
      const head = await headExpectation(s, req.headers['if-match']);
      const outcome = await withExpectation(head === undefined ? undefined : { head }, () =>
        s.cmdb.apply({ cis: [], relations: [], ...doc }, meta(req, message ?? 'apply via API')),
      );
      if (!outcome.revision) await checkAfterNoop(head === undefined ? undefined : { head }, s);
      if (outcome.revision) reply.header('etag', etagOf(outcome.revision.rev));
      return outcomeJson(outcome);
    },
  );

  app.post<{ Body: ApplyBody; Querystring: { depth?: number } }>(
    '/api/v1/plan',
    {
      schema: {
        tags: ['cmdb'],
        summary: 'What apply would change, and its impact; writes nothing',
        querystring: PlanQuery,
        body: ApplyBody,
        response: responses({ 200: PlanResult }),
      },
      config: { action: 'cmdb:plan' },
    },
    async (req) => {
      const { message: _m, ...doc } = req.body;
      await s.graphSync.catchUp();
      return planReport(s, { cis: [], relations: [], ...doc }, req.query.depth ?? 6);
    },
  );

  app.post<{ Body: DeleteBody; Headers: { 'if-match'?: string } }>(
    '/api/v1/delete',
    {
      schema: {
        tags: ['cmdb'],
        summary: 'Delete CIs (and their relationships) as one revision; If-Match: the head revision',
        headers: Type.Composite([IfMatchHeaders, IdempotencyHeaders]),
        body: DeleteBody,
        response: responses({ 200: WriteOutcome }, [404, 412, 422]),
      },
      config: { action: 'cmdb:write' },
    },
    async (req) => {
      const refs = req.body.cis.map((r, i) => refArg(r, `body.cis[${i}]`));
      const head = await headExpectation(s, req.headers['if-match']);
      const outcome = await withExpectation(head === undefined ? undefined : { head }, () =>
        s.cmdb.deleteCis(refs, meta(req, req.body.message ?? `delete ${req.body.cis.join(' ')}`)),
      );
      return outcomeJson(outcome);
    },
  );

  app.get<{ Querystring: ImpactQuery }>(
    '/api/v1/impact',
    {
      schema: {
        tags: ['cmdb'],
        summary: 'What a change to these CIs affects, with one shortest path each',
        querystring: ImpactQuery,
        response: responses({ 200: ImpactReport }, [404]),
      },
      config: { action: 'cmdb:read' },
    },
    async (req) => {
      const at = await resolveAt(s, req.query.at);
      if (at === undefined) await s.graphSync.catchUp();
      return s.impact.impactOf(
        req.query.ci.map((r, i) => refArg(r, `query.ci[${i}]`)),
        { depth: req.query.depth ?? 6, at },
      );
    },
  );

  app.get<{ Querystring: { to?: string; change?: string } }>(
    '/api/v1/revert-plan',
    {
      schema: {
        tags: ['cmdb'],
        summary: 'The desired state that restores a past point, or undoes one change (apply it, or put it in a change)',
        querystring: RevertPlanQuery,
        response: responses({ 200: RevertPlan }, [404]),
      },
      config: { action: 'cmdb:read' },
    },
    async (req) => {
      const { to, change } = req.query;
      if ((to === undefined) === (change === undefined))
        throw new InputError('REVERT_TARGET', 'give one of `to` (a point) and `change` (CHG-n)', [
          { path: 'querystring', message: 'one of to, change' },
        ]);
      // The core's plan, as `cairn revert --dry-run` prints it (a revert that changes nothing is refused).
      const { target, head, plan, title } = await s.changes.revertPlan(change !== undefined ? { change } : { to: to! });
      return { target, head, plan: plan as unknown as Record<string, unknown>, title };
    },
  );
}

/** The head revision an If-Match names, checked now (clear 412 early) and again under the write lock. */
async function headExpectation(s: ApiServices, header: string | undefined): Promise<number | undefined> {
  const match = parseIfMatch(header);
  if (match === undefined || match === '*') return undefined;
  const head = await s.history.headRev();
  if (!match.includes(head))
    throw new PreconditionFailedError(
      'HEAD_MOVED',
      `the CMDB is at revision ${head}, ${match.length > 0 ? `not ${match.join(' or ')}` : 'and If-Match names no strong tag (a weak tag never matches a write)'}: read it again and retry`,
    );
  return head;
}
