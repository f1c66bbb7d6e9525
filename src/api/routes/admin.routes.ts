import type { FastifyInstance } from 'fastify';
import { ACTIONS, mayDo, ROLE_PURPOSES, ROLES } from '../../core/auth/permissions.js';
import { POLICY_DOCUMENT } from '../../core/policy/policy-input.js';
import { PolicyCheck, RolesView } from '../../contracts/admin.contracts.js';
import { PolicyBody } from '../../contracts/change-governance.contracts.js';
import { responses } from '../../contracts/common.js';
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
}
