import type { CalendarClient, ChangeClient } from './change.client.js';
import type { CmdbClient } from './cmdb.client.js';
import type { HistoryClient } from './history.client.js';
import type { PolicyClient } from './policy.client.js';
import type { DriftClient } from './drift.client.js';

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
  policy: PolicyClient;
  drift: DriftClient;
}
