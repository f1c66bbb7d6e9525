import { isRole, type Role } from './permissions.js';

/**
 * One rule of the mapping from the identity provider's claims to Cairn: when the claim holds the
 * value (equals it, or lists it when the claim is an array), the user gets these roles and is a
 * member of these approver groups. `groups: cab-members → group cab, role cab_member` is
 * `{ claim: groups, value: cab-members, groups: [cab], roles: [cab_member] }`.
 */
export interface ClaimRule {
  /** A claim name, or a dotted path into the claims (`realm_access.roles` in Keycloak). */
  claim: string;
  value: string;
  roles: Role[];
  groups: string[];
}

export interface ClaimMapping {
  /** The claim that holds the Cairn username (default `preferred_username`). */
  usernameClaim: string;
  /** Roles every user of the provider gets (default `[viewer]`; `[]` gives none). */
  defaultRoles: Role[];
  rules: ClaimRule[];
}

export const DEFAULT_CLAIM_MAPPING: ClaimMapping = {
  usernameClaim: 'preferred_username',
  defaultRoles: ['viewer'],
  rules: [],
};

/** The roles and approver groups the claims give, each once, in the order the rules name them. */
export function mapClaims(
  claims: Readonly<Record<string, unknown>>,
  mapping: ClaimMapping,
): { roles: Role[]; groups: string[] } {
  const roles = new Set<Role>(mapping.defaultRoles);
  const groups = new Set<string>();
  for (const rule of mapping.rules) {
    if (!claimHolds(claimAt(claims, rule.claim), rule.value)) continue;
    for (const r of rule.roles) roles.add(r);
    for (const g of rule.groups) groups.add(g);
  }
  return { roles: [...roles], groups: [...groups] };
}

/** The claim at a name, or at a dotted path when no claim has that whole name. */
export function claimAt(claims: Readonly<Record<string, unknown>>, path: string): unknown {
  if (path in claims) return claims[path];
  let at: unknown = claims;
  for (const key of path.split('.')) {
    if (typeof at !== 'object' || at === null || Array.isArray(at)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

function claimHolds(claim: unknown, value: string): boolean {
  if (Array.isArray(claim)) return claim.some((c) => scalarText(c) === value);
  return scalarText(claim) === value;
}

function scalarText(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

/**
 * Reads a mapping from configuration (YAML or JSON), naming each problem by where it is
 * (`sso.map[2].roles`). Returns the mapping, or the problems when there are any.
 */
export function parseClaimMapping(
  raw: { usernameClaim?: unknown; defaultRoles?: unknown; map?: unknown },
  where: string,
): { mapping: ClaimMapping; problems: string[] } {
  const problems: string[] = [];
  const text = (v: unknown, at: string): string => {
    if (typeof v === 'string' && v.trim() !== '') return v.trim();
    problems.push(`${at}: must be a non-empty string`);
    return '';
  };
  const list = (v: unknown, at: string): string[] => {
    if (v === undefined) return [];
    const items = typeof v === 'string' ? [v] : Array.isArray(v) ? v : undefined;
    if (!items) {
      problems.push(`${at}: must be a list of names`);
      return [];
    }
    return items.map((x, i) => text(x, `${at}[${i}]`));
  };
  const roles = (v: unknown, at: string): Role[] =>
    list(v, at).filter((r, i) => {
      if (isRole(r)) return true;
      if (r !== '') problems.push(`${at}[${i}]: "${r}" is not a role`);
      return false;
    }) as Role[];

  const usernameClaim =
    raw.usernameClaim === undefined
      ? DEFAULT_CLAIM_MAPPING.usernameClaim
      : text(raw.usernameClaim, `${where}.usernameClaim`);
  const defaultRoles =
    raw.defaultRoles === undefined
      ? DEFAULT_CLAIM_MAPPING.defaultRoles
      : roles(raw.defaultRoles, `${where}.defaultRoles`);
  const rules: ClaimRule[] = [];
  if (raw.map !== undefined && !Array.isArray(raw.map)) problems.push(`${where}.map: must be a list of rules`);
  const entries: unknown[] = Array.isArray(raw.map) ? raw.map : [];
  entries.forEach((entry, i) => {
    const at = `${where}.map[${i}]`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      problems.push(
        `${at}: must be a mapping like { claim: groups, value: cab-members, groups: [cab], roles: [cab_member] }`,
      );
      return;
    }
    const e = entry as Record<string, unknown>;
    const unknown = Object.keys(e).filter((k) => !['claim', 'value', 'roles', 'groups'].includes(k));
    if (unknown.length > 0)
      problems.push(`${at}: unknown key ${unknown.join(', ')} (known: claim, value, roles, groups)`);
    const rule: ClaimRule = {
      claim: e.claim === undefined ? 'groups' : text(e.claim, `${at}.claim`),
      value:
        typeof e.value === 'number' || typeof e.value === 'boolean' ? String(e.value) : text(e.value, `${at}.value`),
      roles: roles(e.roles, `${at}.roles`),
      groups: list(e.groups, `${at}.groups`),
    };
    if (rule.roles.length === 0 && rule.groups.length === 0 && e.roles === undefined && e.groups === undefined)
      problems.push(`${at}: gives neither roles nor groups`);
    rules.push(rule);
  });
  return { mapping: { usernameClaim, defaultRoles, rules }, problems };
}
