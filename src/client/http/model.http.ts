import type { ModelClient } from '../model.client.js';
import type { HttpTransport } from './transport.js';

/** The class registry over HTTP. */
export function httpModelClient(http: HttpTransport): ModelClient {
  return {
    classes: (at) => http.get('api/v1/classes', { at }),
    getClass: (name) => http.get(`api/v1/classes/${encodeURIComponent(name)}`),
    apply: (document, message) => http.post('api/v1/classes/apply', { ...document, message }),
  };
}
