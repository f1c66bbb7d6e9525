import type { Clock } from '../shared/clock.js';
import { AuthenticationError, NotAllowedError } from '../shared/errors.js';
import { effectiveRoles, type UserCredentials } from './auth.types.js';
import { SESSION_TTL_MS } from './auth.service.js';
import { claimAt, mapClaims, type ClaimMapping } from './claim-mapping.js';
import type { Principal, Role } from './permissions.js';
import type { SsoStore } from './sso.port.js';
import { hashSecret, randomSecret } from './token.js';

const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

/** Who the identity provider says signed in: the verified ID token's claims (and the userinfo's). */
export interface ProviderIdentity {
  /** `sub`: the provider's stable id of the person. */
  subject: string;
  claims: Readonly<Record<string, unknown>>;
  /** `sid`: the provider's session, for front-channel logout. */
  sid?: string;
}

export interface ProviderSession {
  sessionId: string;
  csrf: string;
  expiresAt: string;
  principal: Principal;
  /** The approver groups the claims gave. */
  groups: string[];
  created: boolean;
}

/**
 * Sign-in through the identity provider, once the protocol (the API's OpenID Connect client) has
 * verified who it is: binds or creates the account (just in time), refreshes the roles and
 * approver groups the claims map to, and starts a session, in one transaction. Past approvals
 * are records of their own and stay as given whatever the groups become.
 */
export class SsoService {
  constructor(private readonly deps: { store: SsoStore; clock: Clock; mapping: ClaimMapping }) {}

  async signIn(identity: ProviderIdentity): Promise<ProviderSession> {
    const { store, clock, mapping } = this.deps;
    const username = this.usernameOf(identity);
    const bound = await store.getUserBySubject(identity.subject);
    // The subject is the identity: an account bound to it keeps its name when the provider's changes.
    const existing = bound ?? (await store.getUser(username));
    checkAccount(existing, username, identity.subject);
    const { roles: mapped, groups } = mapClaims(identity.claims, mapping);
    const now = clock.now().toISOString();
    const user: UserCredentials = existing
      ? { ...existing, subject: identity.subject, providerRoles: mapped, lastSignInAt: now }
      : {
          username,
          passwordHash: '',
          roles: [],
          createdAt: now,
          disabled: false,
          source: 'provider',
          subject: identity.subject,
          providerRoles: mapped,
          lastSignInAt: now,
        };
    const roles = effectiveRoles(user);
    if (roles.length === 0)
      throw new NotAllowedError(
        'SSO_NO_ROLE',
        `${user.username} has no role in Cairn: the identity provider's claims match no rule of the mapping and no role was assigned; ask an admin`,
      );
    const sessionId = randomSecret();
    const csrf = randomSecret(18);
    const expiresAt = new Date(clock.now().getTime() + SESSION_TTL_MS).toISOString();
    await store.recordSignIn({
      user,
      created: !existing,
      profile: { email: stringClaim(identity.claims, 'email'), displayName: stringClaim(identity.claims, 'name') },
      groups,
      session: {
        idHash: hashSecret(sessionId),
        record: { username: user.username, csrf, createdAt: now, expiresAt, providerSid: identity.sid ?? null },
      },
    });
    return {
      sessionId,
      csrf,
      expiresAt,
      principal: { name: user.username, kind: 'user', roles: roles satisfies Role[], csrf },
      groups,
      created: !existing,
    };
  }

  private usernameOf(identity: ProviderIdentity): string {
    const claim = this.deps.mapping.usernameClaim;
    const value = claimAt(identity.claims, claim);
    if (typeof value !== 'string' || !USERNAME.test(value))
      throw new AuthenticationError(
        'SSO_NO_USERNAME',
        value === undefined
          ? `the identity provider sent no ${claim} claim to name the user: configure it to send one, or set sso.usernameClaim`
          : `the identity provider's ${claim} claim ${JSON.stringify(value)} is not a valid username (letters, digits, '.', '_', '@' or '-', at most 64)`,
      );
    return value;
  }
}

/** A local account is never taken over by a sign-in at the provider, nor one bound to another subject. */
function checkAccount(user: UserCredentials | undefined, username: string, subject: string): void {
  if (!user) return;
  if (user.source === 'local')
    throw new NotAllowedError(
      'SSO_ACCOUNT_IS_LOCAL',
      `${username} is a local account of Cairn (signs in with a password): an admin must move it to the identity provider before it can sign in there`,
    );
  if (user.subject !== null && user.subject !== subject)
    throw new NotAllowedError(
      'SSO_SUBJECT_MISMATCH',
      `${username} is bound to another person at the identity provider: ask an admin`,
    );
  if (user.disabled) throw new NotAllowedError('SSO_USER_DISABLED', `${username} is disabled in Cairn: ask an admin`);
}

function stringClaim(claims: Readonly<Record<string, unknown>>, name: string): string | null {
  const v = claims[name];
  return typeof v === 'string' && v !== '' ? v.slice(0, 200) : null;
}
