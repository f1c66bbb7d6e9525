import type { FastifyInstance } from 'fastify';
import { responses } from '../../contracts/common.js';
import { DeploymentView, GateAnswerView, GateCheckBody, GateReportBody } from '../../contracts/deployment.contracts.js';
import { principalOf } from '../request-context.js';
import type { ApiServices } from '../services.js';

/** The change gate for pipelines (`cairn gate check | report`): the only routes a `pipeline` token may call. */
export function gateRoutes(app: FastifyInstance, s: ApiServices): void {
  app.post<{ Body: GateCheckBody }>(
    '/api/v1/gates/check',
    {
      schema: {
        tags: ['gates'],
        summary: 'May this release of the service be deployed into the environment now? allow or deny, with reasons',
        body: GateCheckBody,
        response: responses({ 200: GateAnswerView }, [404, 409]),
      },
      config: { action: 'gate:check' },
    },
    async (req) => {
      const { release, ...rest } = req.body;
      return s.promotions.gate({ ...rest, version: release }, principalOf(req).name);
    },
  );

  app.post<{ Body: GateReportBody }>(
    '/api/v1/gates/report',
    {
      schema: {
        tags: ['gates'],
        summary: 'The result of a deployment a gate check started: success applies the release’s CI updates',
        body: GateReportBody,
        response: responses({ 200: DeploymentView }, [400, 404, 409]),
      },
      config: { action: 'gate:check' },
    },
    async (req) => {
      const { result, note, ...which } = req.body;
      return s.promotions.reportResult(which, {
        result: result === 'success' ? 'succeeded' : 'failed',
        actor: principalOf(req).name,
        ...(note !== undefined ? { note } : {}),
      });
    },
  );
}
