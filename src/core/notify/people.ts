import type { AuthStore } from '../auth/auth.port.js';
import type { ChangeReader } from '../change/change.port.js';
import { policyOf } from '../change/change-transaction.js';
import { parseChangeRef } from '../change/change.types.js';
import type { People } from './recipients.js';

/** Who is who, read from the change workflow's people and groups and from the accounts and their roles. */
export function peopleOf(changes: ChangeReader, auth: Pick<AuthStore, 'listUsers'>): People {
  return {
    async change(ref) {
      const id = parseChangeRef(ref);
      return id === undefined ? undefined : changes.getChange(id);
    },
    policy: () => policyOf(changes),
    groupMembers: async (group) => (await changes.getGroup(group))?.members ?? [],
    async everyone() {
      const [people, accounts] = await Promise.all([changes.listUsers(), auth.listUsers()]);
      const active = accounts.filter((a) => !a.disabled).map((a) => a.username);
      return [...new Set([...people.map((p) => p.name), ...active])].sort();
    },
    withRoles: async (roles) =>
      (await auth.listUsers())
        .filter((a) => !a.disabled && a.roles.some((r) => roles.includes(r)))
        .map((a) => a.username),
    groupsOf: (user) => changes.groupsOf(user),
    email: async (user) => (await changes.getUser(user))?.email ?? null,
  };
}
