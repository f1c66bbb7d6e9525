import type { ChangeServices } from '../../core/change/change-services.js';
import { PolicyApplied, PolicyView } from '../../contracts/change-governance.contracts.js';
import type { PolicyClient } from '../policy.client.js';
import { inContractShape } from './contract-shape.js';
import type { LocalSession } from './session.js';

/** The approval policy in process, applied as the session's actor. */
export function localPolicyClient(s: ChangeServices, session: LocalSession): PolicyClient {
  return {
    show: async () => inContractShape(PolicyView, await s.policies.current()),
    apply: async (document) => inContractShape(PolicyApplied, await s.policies.applyDocument(document, session.actor)),
    check: async (document) => ({ valid: true as const, ...(await s.policies.check(document)) }),
  };
}
