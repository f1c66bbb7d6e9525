import type { AuditClient } from '../audit.client.js';
import type { HttpTransport } from './transport.js';

/** Recorded verifications of the audit chain over HTTP (auditors and admins). */
export function httpAuditClient(http: HttpTransport): AuditClient {
  return {
    verify: () => http.json('POST', 'api/v1/audit/verifications'),
    recent: (limit) => http.get('api/v1/audit/verifications', limit ? { limit } : {}),
  };
}
