import type { ReleasesClient } from '../releases.client.js';
import type { HttpTransport } from './transport.js';

/** `class/name/version` as path segments (a name may hold a slash: encoded). */
export function releasePath(service: string, version: string): string {
  const i = service.indexOf('/');
  const [cls, name] = i < 0 ? [service, ''] : [service.slice(0, i), service.slice(i + 1)];
  return `api/v1/releases/${encodeURIComponent(cls)}/${encodeURIComponent(name)}/${encodeURIComponent(version)}`;
}

/** Releases over HTTP. */
export function httpReleasesClient(http: HttpTransport): ReleasesClient {
  return {
    create: (body) => http.post('api/v1/releases', body),
    show: (service, version) => http.get(releasePath(service, version)),
    list: (query = {}) => http.get('api/v1/releases', { ...query }),
    approve: (service, version, comment) =>
      http.post(`${releasePath(service, version)}/approve`, comment ? { comment } : {}),
    reject: (service, version, comment) =>
      http.post(`${releasePath(service, version)}/reject`, comment ? { comment } : {}),
  };
}
