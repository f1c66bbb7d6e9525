import { localIncidentsClient } from './incidents.local.js';
import type { Services } from '../../app/services.js';
import type { CairnClient } from '../client.js';
import { localCabClient } from './cab.local.js';
import { localCalendarClient, localChangeClient } from './change.local.js';
import { localCmdbClient } from './cmdb.local.js';
import { localHistoryClient } from './history.local.js';
import { localPolicyClient } from './policy.local.js';
import { localEnvironmentsClient } from './environments.local.js';
import { localReleasesClient } from './releases.local.js';
import { localReportsClient } from './reports.local.js';
import { localDeploymentsClient } from './deployments.local.js';
import { localDriftClient } from './drift.local.js';
import { localModelClient, localTokensClient, localUsersClient, localWebhooksClient } from './admin.local.js';
import { localExportsClient, localImportsClient } from './imports.local.js';
import { localNotifyClient } from './notify.local.js';
import type { LocalSession } from './session.js';

/** The client in-process: each method calls the services directly and returns the API's views. */
export function createLocalClient(services: Services, session: LocalSession): CairnClient {
  return {
    cmdb: localCmdbClient(services, session),
    history: localHistoryClient(services, session),
    changes: localChangeClient(services, session),
    calendar: localCalendarClient(services, session),
    cab: localCabClient(services, session),
    policy: localPolicyClient(services, session),
    environments: localEnvironmentsClient(services, session),
    releases: localReleasesClient(services, session),
    incidents: localIncidentsClient(services, session),
    reports: localReportsClient(services),
    deployments: localDeploymentsClient(services, session),
    drift: localDriftClient(services, session),
    model: localModelClient(services, session),
    users: localUsersClient(services),
    tokens: localTokensClient(services, session),
    webhooks: localWebhooksClient(services, session),
    notify: localNotifyClient(services, session),
    imports: localImportsClient(services, session),
    exports: localExportsClient(services),
  };
}
