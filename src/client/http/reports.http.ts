import type { ReportsClient } from '../reports.client.js';
import { ciPath, type HttpTransport } from './transport.js';

/** Reports over HTTP, as JSON (the CLI renders CSV and HTML from it, as the server does). */
export function httpReportsClient(http: HttpTransport): ReportsClient {
  return {
    cis: (at) => http.get('api/v1/reports/cis', { at }),
    changes: () => http.get('api/v1/reports/changes'),
    metrics: (query = {}) => http.get('api/v1/reports/metrics', { ...query }),
    baselines: () => http.get('api/v1/reports/baselines'),
    baseline: (name) => http.get(`api/v1/reports/baselines/${encodeURIComponent(name)}`),
    audit: (baseline, to) => http.get(`api/v1/reports/audit/${encodeURIComponent(baseline)}`, { to }),
    releases: () => http.get('api/v1/reports/releases'),
    ci: (ref) => http.get(`api/v1/reports/cis/${ciPath(ref)}`),
    change: (ref) => http.get(`api/v1/reports/changes/${encodeURIComponent(ref)}`),
  };
}
