import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { IdempotencyHeaders, PageQuery, responses } from '../../contracts/common.js';
import { ChangeParams, ChangeRecord } from '../../contracts/change.contracts.js';
import {
  AddMemberBody,
  AgendaQuery,
  AttachBody,
  CabAgendaView,
  CreateWorkflowGroupBody,
  CreateWorkflowUserBody,
  GroupParams,
  PolicyApplied,
  PolicyBody,
  PolicyView,
  ReplanBody,
  RevertBody,
  UnauthorizedQuery,
  UnauthorizedRecords,
  WorkflowGroup,
  WorkflowGroupPage,
  WorkflowUser,
  WorkflowUserPage,
} from '../../contracts/change-governance.contracts.js';
import { InputError } from '../../core/shared/errors.js';
import { mayDo } from '../../core/auth/permissions.js';
import { changeViewerOf } from '../../core/auth/change-permissions.js';
import { POLICY_DOCUMENT } from '../../core/policy/policy-input.js';
import { principalOf } from '../request-context.js';
import type { ApiServices } from '../services.js';

/**
 * The rest of the change workflow over HTTP, for `cairn --server`: the approval policy, the
 * workflow's people and groups, the CAB agenda, replan, attach, unauthorized writes and revert
 * changes. The caller is the actor, as in the change routes.
 */
export function changeGovernanceRoutes(app: FastifyInstance, s: ApiServices): void {
  app.get(
    '/api/v1/policy',
    {
      schema: {
        tags: ['policy'],
        summary: 'The approval policy in force, with its version (`cairn policy show`)',
        response: responses({ 200: PolicyView }),
      },
      config: { action: 'change:read' },
    },
    async () => s.policies.current(),
  );

  app.post<{ Body: PolicyBody }>(
    '/api/v1/policy',
    {
      schema: {
        tags: ['policy'],
        summary: 'Apply a policy document as a new version (`cairn policy apply`)',
        headers: IdempotencyHeaders,
        body: PolicyBody,
        response: responses({ 200: PolicyApplied }, [409, 422]),
      },
      config: { action: 'change:manage', document: POLICY_DOCUMENT },
    },
    async (req) => {
      const { name, roles } = principalOf(req);
      return s.policies.applyDocument(req.body, name, {
        manageMembers: mayDo(roles, 'user:manage'),
        relaxControl: roles.includes('admin'),
      });
    },
  );

  app.get<{ Querystring: { limit?: number; cursor?: string } }>(
    '/api/v1/workflow/users',
    {
      schema: {
        tags: ['policy'],
        summary: 'People of the change workflow, by name (`cairn user list`)',
        querystring: PageQuery,
        response: responses({ 200: WorkflowUserPage }),
      },
      config: { action: 'change:read' },
    },
    async (req) => s.policies.userPage(req.query),
  );

  app.post<{ Body: CreateWorkflowUserBody }>(
    '/api/v1/workflow/users',
    {
      schema: {
        tags: ['policy'],
        summary: 'Add a person of the change workflow, or update their email and name (`cairn user add`)',
        headers: IdempotencyHeaders,
        body: CreateWorkflowUserBody,
        response: responses({ 200: WorkflowUser }, [409, 422]),
      },
      config: { action: 'user:manage' },
    },
    async (req) => s.policies.addUser(req.body.name, { email: req.body.email, displayName: req.body.displayName }),
  );

  app.get<{ Querystring: { limit?: number; cursor?: string } }>(
    '/api/v1/workflow/groups',
    {
      schema: {
        tags: ['policy'],
        summary: 'Approver groups with their members, by name (`cairn group list`)',
        querystring: PageQuery,
        response: responses({ 200: WorkflowGroupPage }),
      },
      config: { action: 'change:read' },
    },
    async (req) => s.policies.groupPage(req.query),
  );

  app.post<{ Body: CreateWorkflowGroupBody }>(
    '/api/v1/workflow/groups',
    {
      schema: {
        tags: ['policy'],
        summary: 'Create an approver group (`cairn group add`)',
        headers: IdempotencyHeaders,
        body: CreateWorkflowGroupBody,
        response: responses({ 200: WorkflowGroup }, [409, 422]),
      },
      config: { action: 'user:manage' },
    },
    async (req) => s.policies.addGroup(req.body.name, req.body.description),
  );

  app.post<{ Params: { name: string }; Body: { user: string } }>(
    '/api/v1/workflow/groups/:name/members',
    {
      schema: {
        tags: ['policy'],
        summary: 'Add a person to a group (`cairn group member add`)',
        headers: IdempotencyHeaders,
        params: GroupParams,
        body: AddMemberBody,
        response: responses({ 200: WorkflowGroup }, [404, 409, 422]),
      },
      config: { action: 'user:manage' },
    },
    async (req) => s.policies.addMember(req.params.name, req.body.user),
  );

  app.get<{ Querystring: { date?: string } }>(
    '/api/v1/cab/agenda',
    {
      schema: {
        tags: ['changes'],
        summary: 'The CAB meeting agenda: changes for decision and those due the week after (`cairn cab agenda`)',
        querystring: AgendaQuery,
        response: responses({ 200: CabAgendaView }),
      },
      config: { action: 'change:read' },
    },
    async (req) => s.changes.agenda(req.query.date, changeViewerOf(principalOf(req))),
  );

  app.get<{ Querystring: { all?: boolean } }>(
    '/api/v1/changes/unauthorized',
    {
      schema: {
        tags: ['changes'],
        summary: 'Writes made outside change control with no retrospective change yet (`all`: every one)',
        querystring: UnauthorizedQuery,
        response: responses({ 200: UnauthorizedRecords }),
      },
      config: { action: 'change:read' },
    },
    async (req) => s.changes.unauthorized({ all: req.query.all }),
  );

  app.post<{ Params: { ref: string }; Body: ReplanBody | undefined }>(
    '/api/v1/changes/:ref/replan',
    {
      schema: {
        tags: ['changes'],
        summary: 'Rebase the plan (or a new one) on the current state; approvals given so far are voided',
        params: ChangeParams,
        body: Type.Optional(ReplanBody),
        response: responses({ 200: ChangeRecord }, [404, 409]),
      },
      config: { action: 'change:request' },
    },
    async (req) => s.changes.replanDocument(req.params.ref, principalOf(req).name, req.body?.plan),
  );

  app.post<{ Params: { ref: string }; Body: { revision: number } }>(
    '/api/v1/changes/:ref/attach',
    {
      schema: {
        tags: ['changes'],
        summary: 'Attach this retrospective change to an unauthorized write',
        params: ChangeParams,
        body: AttachBody,
        response: responses({ 200: ChangeRecord }, [404, 409]),
      },
      config: { action: 'change:request' },
    },
    async (req) => s.changes.attach(req.params.ref, req.body.revision, principalOf(req).name),
  );

  app.post<{ Body: { to?: string; change?: string; justification?: string } }>(
    '/api/v1/revert',
    {
      schema: {
        tags: ['changes'],
        summary: 'Open a normal change whose plan restores a point (`to`) or undoes one change (`change`)',
        headers: IdempotencyHeaders,
        body: RevertBody,
        response: responses({ 201: ChangeRecord }, [404, 409, 422]),
      },
      config: { action: 'change:request' },
    },
    async (req, reply) => {
      const { to, change, justification } = req.body;
      if ((to === undefined) === (change === undefined))
        throw new InputError('REVERT_TARGET', 'give one of `to` (a point) and `change` (CHG-n)', [
          { path: 'body', message: 'one of to, change' },
        ]);
      const created = await s.changes.revert(
        change !== undefined ? { change } : { to: to! },
        principalOf(req).name,
        justification ?? '',
      );
      reply.code(201).header('location', `/api/v1/changes/${created.ref}`);
      return created;
    },
  );
}
