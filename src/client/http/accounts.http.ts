import type { AccountsClient } from '../accounts.client.js';
import type { HttpTransport } from './transport.js';

/** Logins and roles over HTTP (the server lets only admins manage users; everyone reads the roles). */
export function httpAccountsClient(http: HttpTransport): AccountsClient {
  return {
    list: () => http.get('api/v1/users'),
    create: (input) => http.post('api/v1/users', input),
    update: (username, patch) => http.json('PATCH', `api/v1/users/${encodeURIComponent(username)}`, { body: patch }),
    roles: () => http.get('api/v1/roles'),
  };
}
