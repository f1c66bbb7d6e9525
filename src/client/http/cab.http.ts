import type { CabClient } from '../cab.client.js';
import type { HttpTransport } from './transport.js';

const minutesPath = (id: string) => `api/v1/cab/meetings/${encodeURIComponent(id)}`;

/** CAB minutes over HTTP: each method is one request of /api/v1/cab/meetings. */
export function httpCabClient(http: HttpTransport): CabClient {
  return {
    listMinutes: (query = {}) => http.get('api/v1/cab/meetings', { ...query }),
    getMinutes: (id) => http.get(minutesPath(id)),
    recordMinutes: (body) => http.post('api/v1/cab/meetings', body),
    updateMinutes: (id, body) => http.json('PUT', minutesPath(id), { body }),
    closeMinutes: (id) => http.post(`${minutesPath(id)}/close`, {}),
  };
}
