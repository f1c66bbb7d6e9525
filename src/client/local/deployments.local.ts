import type { PromotionService } from '../../core/release/promotion.service.js';
import type { ChangeService } from '../../core/change/change.service.js';
import { ChangeRecord } from '../../contracts/change.contracts.js';
import {
  DeploymentPage,
  DeploymentView,
  GateAnswerView,
  PromotionApprovalView,
} from '../../contracts/deployment.contracts.js';
import type { DeploymentsClient } from '../deployments.client.js';
import { inContractShape } from './contract-shape.js';
import type { LocalSession } from './session.js';

/** Promotion, deployments and the pipeline gate in process, as the session's actor (the database's owner). */
export function localDeploymentsClient(
  s: { promotions: PromotionService; changes: ChangeService },
  session: LocalSession,
): DeploymentsClient {
  const deployment = (d: unknown) => inContractShape(DeploymentView, d);
  const answer = (a: unknown) => inContractShape(GateAnswerView, a);
  return {
    gates: async (service, version, environment, emergency) =>
      answer(
        await s.promotions.check({
          service,
          version,
          environment,
          ...(emergency !== undefined ? { emergency } : {}),
        }),
      ),
    promote: async (service, version, body) =>
      deployment(await s.promotions.promote({ service, version, ...body }, session.actor)),
    approve: async (service, version, { environment, group, comment }) =>
      inContractShape(
        PromotionApprovalView,
        await s.promotions.approve({ service, version, environment }, session.actor, {
          ...(group !== undefined ? { group } : {}),
          ...(comment !== undefined ? { comment } : {}),
        }),
      ),
    openChange: async (service, version, body) =>
      inContractShape(ChangeRecord, await s.promotions.openChange({ service, version, ...body }, session.actor)),
    rollback: async (body) => deployment(await s.promotions.rollback(body, session.actor)),
    list: async (query = {}) => inContractShape(DeploymentPage, await s.promotions.list({ limit: 100, ...query })),
    show: async (id) => deployment(await s.promotions.get(id)),
    check: async ({ release, ...rest }) =>
      answer(await s.promotions.gate({ ...rest, version: release }, session.actor)),
    report: async ({ result, note, ...which }) =>
      deployment(
        await s.promotions.reportResult(which, {
          result: result === 'success' ? 'succeeded' : 'failed',
          actor: session.actor,
          ...(note !== undefined ? { note } : {}),
        }),
      ),
  };
}
