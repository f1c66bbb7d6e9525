import { InputError } from '../shared/errors.js';

/** The roles of Cairn, from least to most trusted (admin may do everything). */
export const ROLES = [
  'viewer',
  'requester',
  'implementer',
  'change_manager',
  'cab_member',
  'configuration_manager',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

/** What an endpoint or command does, in words the permission table is written in. */
export const ACTIONS = [
  'cmdb:read',
  'cmdb:plan',
  'cmdb:write',
  'model:write',
  'baseline:create',
  'audit:verify',
  'change:read',
  'change:request',
  'change:implement',
  'change:manage',
  'change:approve',
  'webhook:manage',
  'drift:read',
  'drift:manage',
  'token:manage',
  'user:manage',
] as const;
export type Action = (typeof ACTIONS)[number];

const everyone: Role[] = [...ROLES];
const planners: Role[] = ['requester', 'implementer', 'change_manager', 'cab_member', 'configuration_manager', 'admin'];

/**
 * Which roles may do each action. Kept as data so that docs/api.md, the API's checks and the
 * tests read the same table; admin appears everywhere on purpose rather than by a special case.
 */
export const PERMISSIONS: Record<Action, readonly Role[]> = {
  'cmdb:read': everyone,
  'cmdb:plan': planners,
  'cmdb:write': ['configuration_manager', 'admin'],
  'model:write': ['configuration_manager', 'admin'],
  'baseline:create': ['configuration_manager', 'change_manager', 'admin'],
  'audit:verify': everyone,
  'change:read': everyone,
  'change:request': planners,
  'change:implement': ['implementer', 'change_manager', 'admin'],
  'change:manage': ['change_manager', 'admin'],
  'change:approve': ['cab_member', 'change_manager', 'admin'],
  'webhook:manage': ['admin'],
  'drift:read': everyone,
  'drift:manage': ['configuration_manager', 'admin'],
  'token:manage': ['admin'],
  'user:manage': ['admin'],
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Parses role names (a token's `--role`, a user's roles); throws InputError naming the bad one. */
export function parseRoles(values: readonly string[], path = 'roles'): Role[] {
  const bad = values.filter((v) => !isRole(v));
  if (bad.length > 0 || values.length === 0) {
    throw new InputError(
      'INVALID_ROLE',
      `${bad.length > 0 ? `"${bad.join('", "')}" is not a role` : 'at least one role is needed'}: use ${ROLES.join(', ')}`,
      [{ path, message: `must be one of ${ROLES.join(', ')}` }],
    );
  }
  return [...new Set(values)] as Role[];
}

/** True when any of the roles may do the action. */
export function mayDo(roles: readonly Role[], action: Action): boolean {
  const allowed = PERMISSIONS[action];
  return roles.some((r) => allowed.includes(r));
}

/** Who is calling: a user with a session, or an API token acting with one role. */
export interface Principal {
  /** The name revisions and audit records are attributed to (`alice`, `token:ci-pipeline`). */
  name: string;
  kind: 'user' | 'token' | 'system';
  roles: Role[];
  /** Set for cookie sessions: browser writes must echo it in the CSRF header. */
  csrf?: string;
}
