import type { FastifyInstance } from 'fastify';
import { dashboardSummary } from '../../app/dashboard-summary.js';
import { responses } from '../../contracts/common.js';
import { DashboardSummary } from '../../contracts/summary.contracts.js';
import { principalOf } from '../request-context.js';
import type { ApiServices } from '../services.js';

/** The dashboard's figures in one request, counted by the store. */
export function summaryRoutes(app: FastifyInstance, s: ApiServices): void {
  app.get(
    '/api/v1/summary',
    {
      schema: {
        tags: ['operations'],
        summary: "The dashboard's counts: CIs by class, changes by state, the caller's pending approvals, drift",
        response: responses({ 200: DashboardSummary }),
      },
      config: { action: 'change:read' },
    },
    async (req) => {
      const { name, roles } = principalOf(req);
      return dashboardSummary(s, { name, roles });
    },
  );
}
