import type { PolicyClient } from '../policy.client.js';
import type { HttpTransport } from './transport.js';

/** The approval policy over HTTP. */
export function httpPolicyClient(http: HttpTransport): PolicyClient {
  return {
    show: () => http.get('api/v1/policy'),
    apply: (document) => http.post('api/v1/policy', document),
    check: (document) => http.post('api/v1/policy/check', document),
  };
}
