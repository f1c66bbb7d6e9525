import type { HistoryClient } from '../history.client.js';
import type { HttpTransport } from './transport.js';

/** The history client over HTTP: each method is one request of /api/v1. */
export function httpHistoryClient(http: HttpTransport): HistoryClient {
  return {
    log: (query) => http.get('api/v1/revisions', { ...query }),
    revision: (rev) => http.get(`api/v1/revisions/${rev}`),
    head: () => http.get('api/v1/head'),
    diff: (from, to) => http.get('api/v1/diff', { from, to }),
    createBaseline: (body) => http.post('api/v1/baselines', body),
    listBaselines: () => http.get('api/v1/baselines'),
    showBaseline: (name) => http.get(`api/v1/baselines/${encodeURIComponent(name)}`),
    revertPlan: (target) => http.get('api/v1/revert-plan', { ...target }),
    revert: (body) => http.post('api/v1/revert', body),
    verifyAudit: () => http.get('api/v1/audit/verify'),
  };
}
