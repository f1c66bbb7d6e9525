import type { ChangeServices } from '../../core/change/change-services.js';
import {
  EnvironmentsApplied,
  EnvironmentsCheck,
  EnvironmentsView,
  EnvironmentVersionList,
} from '../../contracts/environment.contracts.js';
import type { EnvironmentsClient } from '../environments.client.js';
import { inContractShape } from './contract-shape.js';
import type { LocalSession } from './session.js';

/** Environments in process, applied as the session's actor (who, on a local database, holds every right). */
export function localEnvironmentsClient(s: ChangeServices, session: LocalSession): EnvironmentsClient {
  return {
    list: async () => inContractShape(EnvironmentsView, await s.environments.current()),
    apply: async (document) =>
      inContractShape(EnvironmentsApplied, await s.environments.apply(document, session.actor)),
    check: async (document) =>
      inContractShape(EnvironmentsCheck, { valid: true as const, ...(await s.environments.check(document)) }),
    versions: async () => inContractShape(EnvironmentVersionList, { items: await s.environments.versions() }),
    version: async (n) => inContractShape(EnvironmentsView, await s.environments.version(n)),
  };
}
