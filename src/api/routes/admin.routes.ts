import type { FastifyInstance } from 'fastify';
import { ACTIONS, mayDo, ROLE_PURPOSES, ROLES } from '../../core/auth/permissions.js';
import { POLICY_DOCUMENT } from '../../core/policy/policy-input.js';
import {
  PolicyCheck,
  RecordedVerification,
  RolesView,
  VerificationList,
  VerificationListQuery,
} from '../../contracts/admin.contracts.js';
import { PolicyBody } from '../../contracts/change-governance.contracts.js';
import { responses } from '../../contracts/common.js';
import { principalOf } from '../request-context.js';
import type { ApiServices } from '../services.js';

/** What the administration pages read beside the resources they manage: the role table, a policy check. */
export function adminRoutes(app: FastifyInstance, s: ApiServices): void {
  app.get(
    '/api/v1/roles',
    {
      schema: {
        tags: ['auth'],
        summary: 'Every role, what it is for and the actions it allows (the permission table)',
        response: responses({ 200: RolesView }),
      },
      config: { action: 'cmdb:read' },
    },
    async () => ({
      roles: ROLES.map((name) => ({
        name,
        purpose: ROLE_PURPOSES[name],
        actions: ACTIONS.filter((action) => mayDo([name], action)),
      })),
      actions: [...ACTIONS],
    }),
  );

  app.post<{ Body: PolicyBody }>(
    '/api/v1/policy/check',
    {
      schema: {
        tags: ['policy'],
        summary: 'Check a policy document as applying it would, writing nothing',
        body: PolicyBody,
        response: responses({ 200: PolicyCheck }),
      },
      config: { action: 'change:manage', document: POLICY_DOCUMENT },
    },
    async (req) => ({ valid: true as const, ...(await s.policies.check(req.body)) }),
  );

  app.post(
    '/api/v1/audit/verifications',
    {
      schema: {
        tags: ['audit'],
        summary: 'Verify the audit chain and record who verified, when, and the result',
        response: responses({ 201: RecordedVerification }),
      },
      config: { action: 'audit:verify' },
    },
    async (req, reply) => {
      reply.code(201);
      return s.audit.verifyAndRecord(principalOf(req).name);
    },
  );

  app.get<{ Querystring: { limit?: number } }>(
    '/api/v1/audit/verifications',
    {
      schema: {
        tags: ['audit'],
        summary: 'The recorded verifications of the audit chain, newest first',
        querystring: VerificationListQuery,
        response: responses({ 200: VerificationList }),
      },
      config: { action: 'audit:verify' },
    },
    async (req) => ({ items: await s.audit.recentVerifications(req.query.limit ?? 20) }),
  );
}
