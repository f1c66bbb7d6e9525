import { InputError } from '../shared/errors.js';

/**
 * The roles of Cairn, from least to most trusted (admin may do everything). An auditor reads
 * everything and verifies the audit trail, and changes nothing.
 */
export const ROLES = [
  'viewer',
  'auditor',
  'requester',
  'implementer',
  'change_manager',
  'cab_member',
  'release_manager',
  'configuration_manager',
  'admin',
  'pipeline',
  'service_desk',
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
  'environment:manage',
  'release:read',
  'release:request',
  'release:approve',
  'release:deploy',
  'release:emergency',
  'promotion:approve',
  'gate:check',
  'incident:read',
  'incident:record',
  'incident:inbound',
  'token:manage',
  'user:manage',
] as const;
export type Action = (typeof ACTIONS)[number];

// A pipeline's token may only ask the gate and report a deployment, and a service desk's only post
// its tickets: they read nothing else.
const everyone: Role[] = ROLES.filter((r) => r !== 'pipeline' && r !== 'service_desk');
const planners: Role[] = [
  'requester',
  'implementer',
  'change_manager',
  'cab_member',
  'release_manager',
  'configuration_manager',
  'admin',
];

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
  // Recomputing every hash reads the whole history: the auditors' (and admins') work, not every reader's.
  'audit:verify': ['auditor', 'admin'],
  'change:read': everyone,
  'change:request': planners,
  'change:implement': ['implementer', 'change_manager', 'admin'],
  'change:manage': ['change_manager', 'admin'],
  'change:approve': ['cab_member', 'change_manager', 'admin'],
  'webhook:manage': ['admin'],
  'drift:read': everyone,
  'drift:manage': ['configuration_manager', 'admin'],
  // Environments are the release manager's, and the change manager's who keeps the policy they refer to.
  'environment:manage': ['change_manager', 'release_manager', 'admin'],
  'release:read': everyone,
  'release:request': planners,
  'release:approve': ['release_manager', 'admin'],
  'release:deploy': ['implementer', 'change_manager', 'release_manager', 'admin'],
  // Overriding the gates (and implementing before authorization) is for those who answer for it.
  'release:emergency': ['change_manager', 'release_manager', 'admin'],
  // Who is in the groups an environment requires is checked by the service; these roles may try.
  'promotion:approve': ['cab_member', 'change_manager', 'release_manager', 'admin'],
  'gate:check': ['pipeline', 'implementer', 'change_manager', 'release_manager', 'admin'],
  'incident:read': everyone,
  // Those who run the services and answer for changes to them record incidents and trace their
  // causes; a requester or CAB member does not, nor does a pipeline (its failed deployment is
  // recorded as one already).
  'incident:record': ['implementer', 'change_manager', 'release_manager', 'configuration_manager', 'admin'],
  // The service desk's webhook: its own token role, so that the desk's secret can post tickets and nothing else.
  'incident:inbound': ['service_desk', 'admin'],
  'token:manage': ['admin'],
  'user:manage': ['admin'],
};

/** What each role is for, in a sentence: the web UI's roles page and docs say the same. */
export const ROLE_PURPOSES: Record<Role, string> = {
  viewer: 'Reads the CMDB, its history, changes and drift.',
  auditor: 'Reads everything and verifies the audit trail; changes nothing.',
  requester: 'Raises changes and plans them.',
  implementer: 'Carries out scheduled changes, marks them failed or backs them out.',
  change_manager: 'Approves normal changes, schedules, reviews and closes them, and keeps the policy.',
  cab_member: 'Approves or rejects the changes their approver group must decide.',
  release_manager:
    'Keeps the environments, approves or rejects proposed releases (not their own), promotes and rolls them back.',
  configuration_manager: 'Writes the CMDB and its classes, makes baselines and resolves drift.',
  admin: 'Everything, including users, API tokens and webhooks.',
  pipeline:
    'A CI/CD pipeline’s token: asks the change gate whether it may deploy, and reports the result; nothing else.',
  service_desk:
    'A service desk’s token (ServiceNow, Jira Service Management, GLPI, Zammad): posts its tickets as incidents; nothing else.',
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
