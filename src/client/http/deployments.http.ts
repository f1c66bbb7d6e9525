import type { DeploymentsClient } from '../deployments.client.js';
import { releasePath } from './releases.http.js';
import type { HttpTransport } from './transport.js';

/** Promotion, deployments and the pipeline gate over HTTP. */
export function httpDeploymentsClient(http: HttpTransport): DeploymentsClient {
  return {
    gates: (service, version, environment, emergency) =>
      http.get(`${releasePath(service, version)}/gates`, {
        environment,
        ...(emergency !== undefined ? { emergency } : {}),
      }),
    promote: (service, version, body) => http.post(`${releasePath(service, version)}/promote`, body),
    approve: (service, version, body) => http.post(`${releasePath(service, version)}/approvals`, body),
    openChange: (service, version, body) => http.post(`${releasePath(service, version)}/change`, body),
    rollback: (body) => http.post('api/v1/deployments/rollback', body),
    list: (query = {}) => http.get('api/v1/deployments', { ...query }),
    show: (id) => http.get(`api/v1/deployments/${encodeURIComponent(id)}`),
    check: (body) => http.post('api/v1/gates/check', body),
    report: (body) => http.post('api/v1/gates/report', body),
  };
}
