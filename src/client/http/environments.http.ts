import type { EnvironmentsClient } from '../environments.client.js';
import type { HttpTransport } from './transport.js';

/** Environments over HTTP. */
export function httpEnvironmentsClient(http: HttpTransport): EnvironmentsClient {
  return {
    list: () => http.get('api/v1/environments'),
    apply: (document) => http.post('api/v1/environments', document),
    check: (document) => http.post('api/v1/environments/check', document),
    versions: () => http.get('api/v1/environments/versions'),
    version: (n) => http.get(`api/v1/environments/versions/${n}`),
  };
}
