import type { WebhooksClient } from '../webhooks.client.js';
import type { HttpTransport } from './transport.js';

/** Webhooks over HTTP (the server lets only admins manage them). */
export function httpWebhooksClient(http: HttpTransport): WebhooksClient {
  return {
    add: (input) => http.post('api/v1/webhooks', input),
    list: (query) => http.get('api/v1/webhooks', { ...query }),
    remove: async (id) => {
      await http.json('DELETE', `api/v1/webhooks/${encodeURIComponent(id)}`);
    },
    deliveries: (id, query) => http.get(`api/v1/webhooks/${encodeURIComponent(id)}/deliveries`, { ...query }),
    replay: (deliveryId) => http.post(`api/v1/webhook-deliveries/${encodeURIComponent(deliveryId)}/replay`, undefined),
  };
}
