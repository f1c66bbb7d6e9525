import type { UsersClient } from '../users.client.js';
import type { HttpTransport } from './transport.js';

/** The workflow's people and groups over HTTP. */
export function httpUsersClient(http: HttpTransport): UsersClient {
  return {
    listUsers: (query) => http.get('api/v1/workflow/users', { ...query }),
    addUser: (name, details = {}) => http.post('api/v1/workflow/users', { name, ...details }),
    listGroups: (query) => http.get('api/v1/workflow/groups', { ...query }),
    addGroup: (name, description) => http.post('api/v1/workflow/groups', { name, description }),
    addMember: (group, user) => http.post(`api/v1/workflow/groups/${encodeURIComponent(group)}/members`, { user }),
  };
}
