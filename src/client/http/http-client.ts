import { httpIncidentsClient } from './incidents.http.js';
import type { CairnClient } from '../client.js';
import { httpCabClient } from './cab.http.js';
import { httpCalendarClient, httpChangeClient } from './change.http.js';
import { httpCmdbClient } from './cmdb.http.js';
import { httpHistoryClient } from './history.http.js';
import { httpPolicyClient } from './policy.http.js';
import { httpEnvironmentsClient } from './environments.http.js';
import { httpReleasesClient } from './releases.http.js';
import { httpReportsClient } from './reports.http.js';
import { httpDeploymentsClient } from './deployments.http.js';
import { httpDriftClient } from './drift.http.js';
import { httpExportsClient, httpImportsClient } from './imports.http.js';
import { httpModelClient } from './model.http.js';
import { httpNotifyClient } from './notify.http.js';
import { httpTokensClient } from './tokens.http.js';
import { httpUsersClient } from './users.http.js';
import { httpWebhooksClient } from './webhooks.http.js';
import type { HttpTransport } from './transport.js';

/** The client of a Cairn server, over one transport (a token in the CLI, a session cookie in the browser). */
export function createHttpClient(http: HttpTransport): CairnClient {
  return {
    cmdb: httpCmdbClient(http),
    history: httpHistoryClient(http),
    changes: httpChangeClient(http),
    calendar: httpCalendarClient(http),
    cab: httpCabClient(http),
    policy: httpPolicyClient(http),
    environments: httpEnvironmentsClient(http),
    releases: httpReleasesClient(http),
    incidents: httpIncidentsClient(http),
    reports: httpReportsClient(http),
    deployments: httpDeploymentsClient(http),
    drift: httpDriftClient(http),
    model: httpModelClient(http),
    users: httpUsersClient(http),
    tokens: httpTokensClient(http),
    webhooks: httpWebhooksClient(http),
    notify: httpNotifyClient(http),
    imports: httpImportsClient(http),
    exports: httpExportsClient(http),
  };
}
