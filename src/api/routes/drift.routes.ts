import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { Empty, IdempotencyHeaders, responses } from '../../contracts/common.js';
import {
  AcceptResult,
  CreateScheduleBody,
  CreateSuppressionBody,
  DriftCheckBody,
  DriftReportView,
  FindingSelectionBody,
  FindingsQuery,
  FindingView,
  ObservationParams,
  ObservationView,
  RemediateResult,
  ReviewFlagView,
  ScheduleParams,
  ScheduleView,
  SuppressionView,
} from '../../contracts/drift.contracts.js';
import type { DesiredState } from '../../core/ci/desired-state.js';
import type { FindingSelection } from '../../core/drift/drift.service.js';
import { InputError } from '../../core/shared/errors.js';
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

  app.post<{ Body: DriftCheckBody }>(
    '/api/v1/drift/check',
    { schema: { tags: ['drift'], summary: 'Compare an observation with the CMDB and store the findings (`cairn drift check`)', body: DriftCheckBody, response: responses({ 200: DriftReportView }, [404, 409]) }, config: manage },
    async (req) => {
      const b = req.body;
      const observed = { cis: b.observed.cis, relations: b.observed.relations ?? [] } as unknown as DesiredState;
      const report = await s.drift.check({ observed, source: b.source, format: b.format ?? 'cairn', file: b.file, observedAt: b.observedAt, hash: b.hash, author: principalOf(req).name });
      return report;
    },
  );

  app.post<{ Body: FindingSelectionBody }>(
    '/api/v1/drift/accept',
    { schema: { tags: ['drift'], summary: 'Write the observed state of findings as one revision, flagged for review (`cairn drift accept`)', headers: IdempotencyHeaders, body: FindingSelectionBody, response: responses({ 200: AcceptResult }, [404, 409, 422]) }, config: manage },
    async (req) => {
      const outcome = await s.drift.accept(selectionOf(req.body), principalOf(req).name, { message: req.body.message });
      return { revision: outcome.revision?.rev ?? null, findings: outcome.findings };
    },
  );

  app.post<{ Body: FindingSelectionBody }>(
    '/api/v1/drift/remediate',
    { schema: { tags: ['drift'], summary: 'Open a change whose plan restores the authorized state (`cairn drift remediate`)', headers: IdempotencyHeaders, body: FindingSelectionBody, response: responses({ 200: RemediateResult }, [404, 409, 422]) }, config: manage },
    async (req) => {
      s.auth.authorize(principalOf(req), 'change:request');
      const outcome = await s.drift.remediate(selectionOf(req.body), principalOf(req).name);
      return { change: outcome.change?.ref ?? null, draft: outcome.draft as unknown as { title: string; description: string; plan: Record<string, unknown> }, findings: outcome.findings };
    },
  );

  app.get(
    '/api/v1/drift/review-pending',
    { schema: { tags: ['drift'], summary: 'Revisions of accepted drift waiting for a retrospective review', response: responses({ 200: Type.Array(ReviewFlagView) }) }, config: read },
    async () => s.drift.reviewPending(),
  );

  app.get('/api/v1/drift/suppressions', { schema: { tags: ['drift'], summary: 'Suppression rules, with whether each is still active', response: responses({ 200: Type.Array(SuppressionView) }) }, config: read }, async () =>
    s.drift.suppressions(),
  );

  app.post<{ Body: CreateSuppressionBody }>(
    '/api/v1/drift/suppressions',
    { schema: { tags: ['drift'], summary: 'Suppress known, accepted drift until the rule expires', headers: IdempotencyHeaders, body: CreateSuppressionBody, response: responses({ 201: SuppressionView }, [409, 422]) }, config: manage },
    async (req, reply) => {
      const rule = await s.drift.suppress(req.body, principalOf(req).name);
      reply.code(201);
      return rule;
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/api/v1/drift/suppressions/:id',
    { schema: { tags: ['drift'], summary: 'Remove a suppression rule', params: ScheduleParams, response: responses({ 204: Empty }, [404]) }, config: manage },
    async (req, reply) => {
      await s.drift.unsuppress(req.params.id, principalOf(req).name);
      return reply.code(204).send();
    },
  );
}

/** Named findings, or every open one (of a source); one or the other, as on the command line. */
function selectionOf(b: FindingSelectionBody): FindingSelection {
  const ids = b.ids ?? [];
  if (b.allOpen && ids.length > 0) throw new InputError('DRIFT_SELECTION', 'name findings or use allOpen, not both', [{ path: 'body.ids', message: 'not with allOpen' }]);
  if (b.allOpen) return { allOpen: true, ...(b.source ? { source: b.source } : {}) };
  if (ids.length === 0) throw new InputError('DRIFT_SELECTION', 'name the findings (DRF-n …) or use allOpen', [{ path: 'body.ids', message: 'required without allOpen' }]);
  return { ids };
}
