import type { CmdbServices } from '../cmdb/cmdb-services.js';
import { PolicyService } from './policy.service.js';
import { EnvironmentService } from './environment.service.js';
import type { ChangeStore } from './change.port.js';
import { systemClock, type Clock } from '../shared/clock.js';
import { ChangeService } from './change.service.js';

/** The services of change enablement, wired to the CMDB services and a change store. */
export interface ChangeServices {
  changes: ChangeService;
  policies: PolicyService;
  /** Environments as data, versioned like the policy (`cairn env`). */
  environments: EnvironmentService;
}

/**
 * Builds the change services. Install `changeControlGuard(changeStore, clock)` as the CMDB
 * services' guard, so that direct writes to controlled CIs are refused.
 */
export function createChangeServices(
  cmdb: CmdbServices,
  changeStore: ChangeStore,
  clock: Clock = systemClock,
): ChangeServices {
  const deps = {
    store: cmdb.store,
    changes: changeStore,
    cmdb: cmdb.cmdb,
    history: cmdb.history,
    impact: cmdb.impact,
    clock,
  };
  return {
    changes: new ChangeService(deps),
    policies: new PolicyService(deps),
    environments: new EnvironmentService(deps),
  };
}
