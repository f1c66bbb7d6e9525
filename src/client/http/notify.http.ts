import type { NotifyClient } from '../notify.client.js';
import type { HttpTransport } from './transport.js';

/** Notifications over HTTP: the caller is whoever the token or session names. */
export function httpNotifyClient(http: HttpTransport): NotifyClient {
  return {
    list: (query) => http.get('api/v1/notifications', { ...query }),
    markRead: (id) =>
      http.post(
        id ? `api/v1/notifications/${encodeURIComponent(id)}/read` : 'api/v1/notifications/read-all',
        undefined,
      ),
    preferences: () => http.get('api/v1/notification-preferences', {}),
    setPreferences: (body) => http.json('PUT', 'api/v1/notification-preferences', { body }),
    test: (channel, to) => http.post('api/v1/notifications/test', { channel, ...(to ? { to } : {}) }),
  };
}
