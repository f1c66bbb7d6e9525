import type { IncidentsClient } from '../incidents.client.js';
import type { HttpTransport } from './transport.js';

const path = (id: string) => `api/v1/incidents/${encodeURIComponent(id)}`;

/** Incidents over HTTP. */
export function httpIncidentsClient(http: HttpTransport): IncidentsClient {
  return {
    record: (body) => http.post('api/v1/incidents', body),
    show: (id) => http.get(path(id)),
    list: (query = {}) => http.get('api/v1/incidents', { ...query }),
    resolve: (id, endedAt) => http.post(`${path(id)}/resolve`, endedAt ? { endedAt } : {}),
    link: (id, cause) => http.post(`${path(id)}/link`, cause),
  };
}
