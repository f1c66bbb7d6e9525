import type { TokensClient } from '../tokens.client.js';
import type { HttpTransport } from './transport.js';

/** API tokens over HTTP (the server lets only admins manage them). */
export function httpTokensClient(http: HttpTransport): TokensClient {
  return {
    create: (input) => http.post('api/v1/tokens', input),
    list: (query) => http.get('api/v1/tokens', { ...query }),
    revoke: (idOrName) => http.json('DELETE', `api/v1/tokens/${encodeURIComponent(idOrName)}`),
  };
}
