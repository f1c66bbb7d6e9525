import type { FastifyInstance } from 'fastify';
import { mayDo, type Action } from '../../core/auth/permissions.js';
import { CHANGE_DOCUMENT } from '../../core/change/change-input.js';
import { ACTION_PERMISSION, changeViewerOf } from '../../core/auth/change-permissions.js';
import { IdempotencyHeaders, responses } from '../../contracts/common.js';
import {
  CalendarEntries,
  CalendarQuery,
  ChangePage,
  ChangeParams,
  ChangeRecord,
  ChangeShow,
  CreateChangeBody,
  ListChangesQuery,
  PendingApprovals,
  TransitionBody,
  TransitionParams,
  TransitionResult,
  type Transition,
} from '../../contracts/change.contracts.js';
import { Type } from '@sinclair/typebox';
import { principalOf } from '../request-context.js';
import type { ApiServices } from '../services.js';

/**
 * The change workflow over HTTP: the route checks the role, the core checks the workflow
 * (transitions, segregation of duties, quorum) with the caller as the actor. Events
 * (`change.transitioned`, `change.approved`) are published by the change service's listener.
 */
export function changeRoutes(app: FastifyInstance, s: ApiServices): void {
  app.get<{ Querystring: ListChangesQuery }>(
    '/api/v1/changes',
    {
      schema: {
        tags: ['changes'],
        summary: 'Changes by number, filtered, in cursor pages',
        querystring: ListChangesQuery,
        response: responses({ 200: ChangePage }),
      },
      config: { action: 'change:read' },
    },
    async (req) => {
      const { state, type, requester, ci, from, to, limit, cursor } = req.query;
      return s.changes.listPage({ states: state, types: type, requester, ci, from, to, limit: limit ?? 100, cursor });
    },
  );

  app.get(
    '/api/v1/changes/pending',
    {
      schema: {
        tags: ['changes'],
        summary: "Changes waiting for the caller's approval",
        response: responses({ 200: PendingApprovals }),
      },
      config: { action: 'change:read' },
    },
    async (req) => {
      const { name, roles } = principalOf(req);
      return s.changes.awaitingApproval(name, mayDo(roles, 'change:approve'));
    },
  );

  app.get<{ Params: { ref: string } }>(
    '/api/v1/changes/:ref',
    {
      schema: {
        tags: ['changes'],
        summary: 'One change with its approvals, conflicts and next steps',
        params: ChangeParams,
        response: responses({ 200: ChangeShow }, [404]),
      },
      config: { action: 'change:read' },
    },
    async (req) => {
      return s.changes.show(req.params.ref, changeViewerOf(principalOf(req)));
    },
  );

  app.post<{ Body: CreateChangeBody }>(
    '/api/v1/changes',
    {
      schema: {
        tags: ['changes'],
        summary: 'Create a change (draft) from a change document',
        headers: IdempotencyHeaders,
        body: CreateChangeBody,
        response: responses({ 201: ChangeRecord }, [409, 422]),
      },
      config: { action: 'change:request', document: CHANGE_DOCUMENT },
    },
    async (req, reply) => {
      const change = await s.changes.create(req.body, principalOf(req).name);
      reply.code(201).header('location', `/api/v1/changes/${change.ref}`);
      return change;
    },
  );

  app.post<{ Params: { ref: string; action: Transition }; Body: TransitionBody | undefined }>(
    '/api/v1/changes/:ref/:action',
    {
      schema: {
        tags: ['changes'],
        summary: 'Move a change: submit, approve, reject, schedule, implement, fail, backout, review, close, cancel',
        params: TransitionParams,
        body: Type.Optional(TransitionBody),
        response: responses({ 200: TransitionResult }, [404, 409]),
      },
      config: { action: 'change:read' },
      // The role each transition needs is checked before the body is validated, like other routes.
      preValidation: async (req) => {
        const needed = ACTION_PERMISSION[(req.params as { action: string }).action as Transition] as Action | undefined;
        if (needed) s.auth.authorize(principalOf(req), needed);
      },
    },
    async (req) => s.changes.perform(req.params.ref, req.params.action, principalOf(req).name, req.body ?? {}),
  );

  app.get<{ Querystring: { from: string; to: string; format?: 'json' | 'ics' } }>(
    '/api/v1/calendar',
    {
      schema: {
        tags: ['changes'],
        summary: 'Scheduled changes, windows and conflicts (format=ics for an iCalendar feed)',
        querystring: CalendarQuery,
        response: responses({ 200: CalendarEntries }),
      },
      config: { action: 'change:read' },
    },
    async (req, reply) => {
      const { from, to, format } = req.query;
      if (format === 'ics')
        return reply
          .type('text/calendar; charset=utf-8')
          .serializer((x) => x as string)
          .send(await s.changes.calendarFeed(from, to));
      return s.changes.calendar(from, to);
    },
  );
}
