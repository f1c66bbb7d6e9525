import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { Empty, IdempotencyHeaders, responses } from '../../contracts/common.js';
import {
  AcceptBody,
  AcceptResult,
  AuthorityApplied,
  AuthorityDocument,
  AuthorityView,
  CreateScheduleBody,
  CreateSuppressionBody,
  DriftCheckBody,
  DriftReportView,
  FindingPage,
  FindingSelectionBody,
  FindingsQuery,
  ObservationParams,
  ObservationView,
  RemediateResult,
  ReviewBody,
  ReviewedView,
  ReviewFlagView,
  ReviewParams,
  ScheduleParams,
  ScheduleView,
  SuppressionView,
} from '../../contracts/drift.contracts.js';
import { acceptView, authorityApplied, authorityView, remediationView } from '../../core/drift/drift-views.js';
import { principalOf } from '../request-context.js';
import type { ApiServices } from '../services.js';

/** Drift over HTTP: checks, findings (paged) and their resolution and review, suppression and authority rules, schedules. */
export function driftRoutes(app: FastifyInstance, s: ApiServices): void {
  const read = { action: 'drift:read' as const };
  const manage = { action: 'drift:manage' as const };

  app.get<{ Querystring: FindingsQuery }>(
    '/api/v1/drift/findings',
    {
      schema: {
        tags: ['drift'],
        summary: 'Stored drift findings, oldest first, a page at a time (`cairn drift list`)',
        querystring: FindingsQuery,
        response: responses({ 200: FindingPage }),
      },
      config: read,
    },
    async (req) => {
      const { observation, limit, ...q } = req.query;
      return s.drift.findings({ ...q, observationId: observation, limit: limit ?? 100 });
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/drift/observations/:id',
    {
      schema: {
        tags: ['drift'],
        summary: 'One observation (counts and hash, never the items)',
        params: ObservationParams,
        response: responses({ 200: ObservationView }, [404]),
      },
      config: read,
    },
    async (req) => s.drift.observation(req.params.id),
  );

  app.get(
    '/api/v1/drift/schedules',
    {
      schema: {
        tags: ['drift'],
        summary: 'Scheduled drift checks',
        response: responses({ 200: Type.Array(ScheduleView) }),
      },
      config: read,
    },
    async () => s.driftSchedules.list(),
  );

  app.post<{ Body: CreateScheduleBody }>(
    '/api/v1/drift/schedules',
    {
      schema: {
        tags: ['drift'],
        summary: "Schedule a drift check of a source, run by the servers' job queue",
        headers: IdempotencyHeaders,
        body: CreateScheduleBody,
        response: responses({ 201: ScheduleView }, [409, 422]),
      },
      config: manage,
    },
    async (req, reply) => {
      const schedule = await s.driftSchedules.add(req.body, principalOf(req).name);
      reply.code(201).header('location', `/api/v1/drift/schedules/${schedule.id}`);
      return schedule;
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/api/v1/drift/schedules/:id',
    {
      schema: {
        tags: ['drift'],
        summary: 'Remove a schedule',
        params: ScheduleParams,
        response: responses({ 204: Empty }, [404]),
      },
      config: manage,
    },
    async (req, reply) => {
      await s.driftSchedules.remove(req.params.id);
      return reply.code(204).send();
    },
  );

  app.post<{ Body: DriftCheckBody }>(
    '/api/v1/drift/check',
    {
      schema: {
        tags: ['drift'],
        summary: 'Compare an observation with the CMDB and store the findings (`cairn drift check`)',
        body: DriftCheckBody,
        response: responses({ 200: DriftReportView }, [404, 409]),
      },
      config: manage,
    },
    async (req) => s.drift.checkSubmitted(req.body, principalOf(req).name),
  );

  app.post<{ Body: AcceptBody }>(
    '/api/v1/drift/accept',
    {
      schema: {
        tags: ['drift'],
        summary: 'Write the observed state of findings as one revision, flagged for review (`cairn drift accept`)',
        headers: IdempotencyHeaders,
        body: AcceptBody,
        response: responses({ 200: AcceptResult }, [404, 409, 422]),
      },
      config: manage,
    },
    async (req) => {
      // Accepting writes CIs; an emergency write to controlled ones is a CMDB write outside a change.
      s.auth.authorize(principalOf(req), 'cmdb:write');
      const { message, emergency, ...selection } = req.body;
      return acceptView(await s.drift.accept(selection, principalOf(req).name, { message, emergency }));
    },
  );

  app.post<{ Body: FindingSelectionBody }>(
    '/api/v1/drift/remediate',
    {
      schema: {
        tags: ['drift'],
        summary: 'Open a change whose plan restores the authorized state (`cairn drift remediate`)',
        headers: IdempotencyHeaders,
        body: FindingSelectionBody,
        response: responses({ 200: RemediateResult }, [404, 409, 422]),
      },
      config: manage,
    },
    async (req) => {
      s.auth.authorize(principalOf(req), 'change:request');
      return remediationView(await s.drift.remediate(req.body, principalOf(req).name));
    },
  );

  app.get(
    '/api/v1/drift/review-pending',
    {
      schema: {
        tags: ['drift'],
        summary: 'Revisions of accepted drift waiting for a retrospective review',
        response: responses({ 200: Type.Array(ReviewFlagView) }),
      },
      config: read,
    },
    async () => s.drift.reviewPending(),
  );

  app.post<{ Params: { rev: number }; Body: ReviewBody }>(
    '/api/v1/drift/reviews/:rev',
    {
      schema: {
        tags: ['drift'],
        summary: 'Mark a revision of accepted drift as reviewed (`cairn drift review`)',
        params: ReviewParams,
        body: ReviewBody,
        response: responses({ 200: ReviewedView }, [404]),
      },
      config: manage,
    },
    async (req) => s.drift.markReviewed(req.params.rev, principalOf(req).name, req.body.note),
  );

  app.get(
    '/api/v1/drift/authority',
    {
      schema: {
        tags: ['drift'],
        summary: 'The source authority rules in force (null when none were applied)',
        response: responses({ 200: Type.Union([AuthorityView, Type.Null()]) }),
      },
      config: read,
    },
    async () => {
      const current = await s.drift.authorityRules();
      return current ? authorityView(current) : null;
    },
  );

  app.put<{ Body: AuthorityDocument }>(
    '/api/v1/drift/authority',
    {
      schema: {
        tags: ['drift'],
        summary:
          'Store source authority rules as a new version, unless they did not change (`cairn drift authority apply`)',
        body: AuthorityDocument,
        response: responses({ 200: AuthorityApplied }),
      },
      config: manage,
    },
    async (req) => authorityApplied(await s.drift.applyAuthority(req.body, principalOf(req).name)),
  );

  app.get(
    '/api/v1/drift/suppressions',
    {
      schema: {
        tags: ['drift'],
        summary: 'Suppression rules, with whether each is still active',
        response: responses({ 200: Type.Array(SuppressionView) }),
      },
      config: read,
    },
    async () => s.drift.suppressions(),
  );

  app.post<{ Body: CreateSuppressionBody }>(
    '/api/v1/drift/suppressions',
    {
      schema: {
        tags: ['drift'],
        summary: 'Suppress known, accepted drift until the rule expires',
        headers: IdempotencyHeaders,
        body: CreateSuppressionBody,
        response: responses({ 201: SuppressionView }, [409, 422]),
      },
      config: manage,
    },
    async (req, reply) => {
      const rule = await s.drift.suppress(req.body, principalOf(req).name);
      reply.code(201);
      return rule;
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/api/v1/drift/suppressions/:id',
    {
      schema: {
        tags: ['drift'],
        summary: 'Remove a suppression rule',
        params: ScheduleParams,
        response: responses({ 204: Empty }, [404]),
      },
      config: manage,
    },
    async (req, reply) => {
      await s.drift.unsuppress(req.params.id, principalOf(req).name);
      return reply.code(204).send();
    },
  );
}
