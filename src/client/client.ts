import type { IncidentsClient } from './incidents.client.js';
import type { CabClient } from './cab.client.js';
import type { CalendarClient, ChangeClient } from './change.client.js';
import type { CmdbClient } from './cmdb.client.js';
import type { HistoryClient } from './history.client.js';
import type { PolicyClient } from './policy.client.js';
import type { EnvironmentsClient } from './environments.client.js';
import type { ReleasesClient } from './releases.client.js';
import type { ReportsClient } from './reports.client.js';
import type { DeploymentsClient } from './deployments.client.js';
import type { DriftClient } from './drift.client.js';
import type { ExportsClient, ImportsClient } from './imports.client.js';
import type { ModelClient } from './model.client.js';
import type { NotifyClient } from './notify.client.js';
import type { TokensClient } from './tokens.client.js';
import type { UsersClient } from './users.client.js';
import type { WebhooksClient } from './webhooks.client.js';

/**
 * Everything Cairn does, as one typed interface. Two implementations: in-process over the
 * services (`local/`), and over HTTP (`http/`) against a Cairn server. The CLI runs every command
 * through it, whichever the transport, so that both print the same; the web UI uses the HTTP one.
 */
export interface CairnClient {
  cmdb: CmdbClient;
  history: HistoryClient;
  changes: ChangeClient;
  calendar: CalendarClient;
  cab: CabClient;
  policy: PolicyClient;
  environments: EnvironmentsClient;
  releases: ReleasesClient;
  incidents: IncidentsClient;
  reports: ReportsClient;
  deployments: DeploymentsClient;
  drift: DriftClient;
  model: ModelClient;
  users: UsersClient;
  tokens: TokensClient;
  webhooks: WebhooksClient;
  notify: NotifyClient;
  imports: ImportsClient;
  exports: ExportsClient;
}
