import type { Clock } from '../shared/clock.js';
import { pageOf, type ListPage, type PageRequest } from '../shared/page.js';
import { AuthenticationError, ConflictError, InputError, NotAllowedError, NotFoundError } from '../shared/errors.js';
import type { CredentialsPatch } from './auth.port.js';
import { effectiveRoles, type ApiToken, type UserCredentials, type UserSource } from './auth.types.js';
import type { AuthStore } from './auth.port.js';
import { CredentialCache } from './credential-cache.js';
import { dummyHash, hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './password.js';
import { mayDo, parseRoles, type Action, type Principal, type Role } from './permissions.js';
import { hashSecret, looksLikeToken, newToken, parseExpiry, randomSecret } from './token.js';

const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;
const TOKEN_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const SESSION_TTL_MS = 12 * 3_600_000;
/**
 * How long a process trusts a token or session it has looked up, so that an authenticated request
 * costs no database round trip. A revocation, logout, password, role or disabled change made
 * through this process takes effect at once; one made through another process (another API
 * server, the CLI on the same database, a single sign-on that changes a user's roles) within
 * this time.
 */
export const CREDENTIAL_CACHE_MS = 5_000;

/**
 * A token's record as remembered while it is trusted, with the times every request checks as
 * numbers: comparing ISO texts needed the time written as one per request.
 */
interface TrustedToken {
  record: ApiToken;
  /** Who it authenticates, made once: every request admitted by it gets this one (frozen). */
  principal: Principal;
  /** When it expires, in ms since the epoch; Infinity: never. */
  expiresMs: number;
  /** The minute (ms since the epoch ÷ 60 000) of its last recorded use; NaN: never used. */
  usedMinute: number;
}

function trustedTokenOf(record: ApiToken): TrustedToken {
  return {
    record,
    principal: Object.freeze({
      name: `token:${record.name}`,
      kind: 'token' as const,
      roles: Object.freeze([record.role]) as Role[],
    }),
    expiresMs: record.expiresAt === null ? Infinity : Date.parse(record.expiresAt),
    usedMinute: record.lastUsedAt === null ? NaN : Math.floor(Date.parse(record.lastUsedAt) / 60_000),
  };
}

/** What a session resolves to, remembered while it is trusted. */
interface CachedSession {
  principal: Principal;
  expiresAt: string;
}

/**
 * Who may call Cairn: users with passwords and sessions, and API tokens. Checks credentials and
 * roles; knows nothing of cookies or headers (the API reads those).
 */
export class AuthService {
  private readonly tokenCache = new CredentialCache<TrustedToken>(CREDENTIAL_CACHE_MS);
  private readonly sessionCache = new CredentialCache<CachedSession>(CREDENTIAL_CACHE_MS);

  constructor(private readonly deps: { store: AuthStore; clock: Clock }) {}

  /** Checks a password; returns a new session. The same error for unknown user and bad password. */
  async login(
    username: string,
    password: string,
  ): Promise<{ sessionId: string; csrf: string; expiresAt: string; principal: Principal }> {
    const user = await this.deps.store.getUser(username);
    // A user of the identity provider has no password: checked against the dummy hash, so that
    // the answer (and its time) is the same as for an unknown user.
    const hash = user && user.source === 'local' ? user.passwordHash : await dummyHash();
    const ok = await verifyPassword(hash, password);
    if (!user || user.source !== 'local' || !ok || user.disabled)
      throw new AuthenticationError('BAD_CREDENTIALS', 'the username or password is wrong');
    const sessionId = randomSecret();
    const csrf = randomSecret(18);
    const now = this.deps.clock.now();
    const expiresAt = new Date(now.getTime() + SESSION_TTL_MS).toISOString();
    await this.deps.store.insertSession(hashSecret(sessionId), {
      username,
      csrf,
      createdAt: now.toISOString(),
      expiresAt,
    });
    return {
      sessionId,
      csrf,
      expiresAt,
      principal: { name: username, kind: 'user', roles: effectiveRoles(user), csrf },
    };
  }

  async logout(sessionId: string): Promise<void> {
    const hash = hashSecret(sessionId);
    await this.deps.store.deleteSession(hash);
    this.sessionCache.delete(hash);
  }

  /** Front-channel logout: ends the sessions started by the identity provider's session `sid`. */
  async logoutProviderSession(sid: string): Promise<number> {
    const ended = await this.deps.store.deleteSessionsByProviderSid(sid);
    // The cache does not know which provider session a session came from: forget them all.
    this.sessionCache.clear();
    return ended;
  }

  /** The key a session is cached and stored by: the SHA-256 of its id. */
  sessionKey(sessionId: string): string {
    return hashSecret(sessionId);
  }

  /**
   * The principal of a session this process trusts already (looked up within the cache's time,
   * not expired), found without a promise; undefined otherwise, and then `fromSession` decides.
   */
  trustedSession(sessionId: string): Principal | undefined {
    return this.trustedSessionByKey(this.sessionKey(sessionId));
  }

  /** `trustedSession` of the session whose `sessionKey` this is. */
  trustedSessionByKey(key: string): Principal | undefined {
    const now = this.deps.clock.now();
    const cached = this.sessionCache.get(key, now.getTime());
    return cached && cached.expiresAt > now.toISOString() ? cached.principal : undefined;
  }

  /** The principal of a session cookie, or undefined when it is unknown, expired or its user disabled. */
  async fromSession(sessionId: string): Promise<Principal | undefined> {
    const hash = hashSecret(sessionId);
    const now = this.deps.clock.now();
    const cached = this.sessionCache.get(hash, now.getTime()) ?? (await this.lookUpSession(hash, now.getTime()));
    if (!cached || cached.expiresAt <= now.toISOString()) return undefined;
    return cached.principal;
  }

  private async lookUpSession(hash: string, nowMs: number): Promise<CachedSession | undefined> {
    const session = await this.deps.store.findSession(hash);
    if (!session) return undefined;
    const user = await this.deps.store.getUser(session.username);
    if (!user || user.disabled) return undefined;
    const roles = effectiveRoles(user);
    if (roles.length === 0) return undefined;
    const found = {
      principal: { name: user.username, kind: 'user' as const, roles, csrf: session.csrf },
      expiresAt: session.expiresAt,
    };
    this.sessionCache.set(hash, found, nowMs);
    return found;
  }

  /**
   * The key a bearer token is cached by: the SHA-256 of the token, so that the cache holds no
   * usable token; undefined when it is malformed. A caller that has it already (the API remembers
   * the last one of each connection) asks `trustedTokenByKey` and spares the hash.
   */
  tokenKey(token: string): string | undefined {
    return looksLikeToken(token) ? hashSecret(token) : undefined;
  }

  /**
   * The principal of a bearer token this process trusts already (looked up within the cache's
   * time, not revoked, not expired, its last use recorded this minute), found without a promise:
   * the answer to almost every authenticated request (issue 14). Undefined otherwise, and then
   * `fromToken` decides, with the database and the reason for a refusal.
   */
  trustedToken(token: string): Principal | undefined {
    const key = this.tokenKey(token);
    return key === undefined ? undefined : this.trustedTokenByKey(key);
  }

  /** `trustedToken` of the token whose `tokenKey` this is. */
  trustedTokenByKey(key: string): Principal | undefined {
    const nowMs = this.deps.clock.now().getTime();
    const trusted = this.tokenCache.get(key, nowMs);
    if (!trusted || trusted.record.revokedAt || trusted.expiresMs <= nowMs) return undefined;
    if (trusted.usedMinute !== Math.floor(nowMs / 60_000)) return undefined;
    return trusted.principal;
  }

  /** The principal of a bearer token; throws AuthenticationError saying why it is refused. */
  async fromToken(token: string): Promise<Principal> {
    if (!looksLikeToken(token))
      throw new AuthenticationError('BAD_TOKEN', 'the API token is malformed: it should look like cairn_<id>_<secret>');
    const hash = hashSecret(token);
    const nowMs = this.deps.clock.now().getTime();
    let trusted = this.tokenCache.get(hash, nowMs);
    if (!trusted) {
      const record = await this.deps.store.findTokenByHash(hash);
      if (!record) throw new AuthenticationError('BAD_TOKEN', 'the API token is not known');
      trusted = trustedTokenOf(record);
      this.tokenCache.set(hash, trusted, nowMs);
    }
    const { record } = trusted;
    if (record.revokedAt)
      throw new AuthenticationError('TOKEN_REVOKED', `the API token ${record.name} was revoked at ${record.revokedAt}`);
    if (trusted.expiresMs <= nowMs)
      throw new AuthenticationError(
        'TOKEN_EXPIRED',
        `the API token ${record.name} expired at ${record.expiresAt}: create a new one with \`cairn token create\``,
      );
    const minute = Math.floor(nowMs / 60_000);
    if (trusted.usedMinute !== minute) {
      const now = new Date(nowMs).toISOString();
      record.lastUsedAt = now;
      trusted.usedMinute = minute;
      await this.deps.store.touchToken(record.id, now);
    }
    return trusted.principal;
  }

  /** Throws NotAllowedError unless the principal's roles allow the action. */
  authorize(principal: Principal, action: Action): void {
    if (!mayDo(principal.roles, action)) {
      throw new NotAllowedError(
        'FORBIDDEN',
        `${principal.name} (${principal.roles.join(', ')}) may not ${action.replace(':', ' ')}: ask an admin for a role that may`,
      );
    }
  }

  /** Creates a token; the plain value is returned once and never stored. */
  async createToken(input: {
    name: string;
    role: string;
    expires?: string;
    createdBy: string;
  }): Promise<{ token: string; record: ApiToken }> {
    if (!TOKEN_NAME.test(input.name))
      throw new InputError(
        'INVALID_TOKEN_NAME',
        `token name "${input.name}" must use letters, digits, '.', '_' or '-'`,
        [{ path: 'name', message: 'must match [A-Za-z0-9][A-Za-z0-9._-]*' }],
      );
    const [role] = parseRoles([input.role], 'role');
    const now = this.deps.clock.now();
    const expiresAt = parseExpiry(input.expires ?? '90d', now);
    if (expiresAt === undefined)
      throw new InputError(
        'INVALID_EXPIRY',
        `expiry "${input.expires}" must be like 30d, 12h, 2w, never, or a future ISO time no later than year 9999`,
        [{ path: 'expires', message: 'must be like 30d, 12h, never or a future ISO time no later than year 9999' }],
      );
    const active = (await this.deps.store.listTokens()).filter((t) => !t.revokedAt && t.name === input.name);
    if (active.length > 0)
      throw new ConflictError(
        'TOKEN_EXISTS',
        `an active token named ${input.name} exists: revoke it first or choose another name`,
      );
    const { id, token } = newToken();
    const record: ApiToken = {
      id,
      name: input.name,
      role: role!,
      createdBy: input.createdBy,
      createdAt: now.toISOString(),
      expiresAt,
      revokedAt: null,
      lastUsedAt: null,
    };
    await this.deps.store.insertToken(record, hashSecret(token));
    return { token, record };
  }

  listTokens(): Promise<ApiToken[]> {
    return this.deps.store.listTokens();
  }

  /** One page of the tokens, oldest first (never their values). */
  async tokenPage(request: PageRequest): Promise<ListPage<ApiToken>> {
    return pageOf(await this.listTokens(), (t) => `${t.createdAt}\u0000${t.id}`, request);
  }

  async revokeToken(idOrName: string): Promise<ApiToken> {
    const t = await this.deps.store.revokeToken(idOrName, this.deps.clock.now().toISOString());
    this.tokenCache.clear();
    if (!t) throw new NotFoundError('TOKEN_NOT_FOUND', `no active token has the id or name ${idOrName}`);
    return t;
  }

  /**
   * Creates a user: with a password (source local), or one who signs in at the identity provider
   * (source provider, no password), whose roles are thus assigned before their first sign-in.
   */
  async createUser(input: {
    username: string;
    password?: string;
    roles: string[];
    source?: UserSource;
  }): Promise<UserCredentials> {
    if (!USERNAME.test(input.username))
      throw new InputError(
        'INVALID_USERNAME',
        `username "${input.username}" must use letters, digits, '.', '_', '@' or '-'`,
        [{ path: 'username', message: 'must match [A-Za-z0-9][A-Za-z0-9._@-]*' }],
      );
    const source = input.source ?? 'local';
    if (source === 'local' && input.password === undefined)
      throw new InputError('PASSWORD_REQUIRED', 'a user who signs in with a password needs one', [
        { path: 'password', message: 'is required unless source is provider' },
      ]);
    if (source === 'provider' && input.password !== undefined)
      throw new InputError(
        'PASSWORD_NOT_ALLOWED',
        'a user who signs in at the identity provider has no password in Cairn: leave the password out',
        [{ path: 'password', message: 'must be absent when source is provider' }],
      );
    if (input.password !== undefined) checkPassword(input.password);
    const user: UserCredentials = {
      username: input.username,
      passwordHash: input.password === undefined ? '' : await hashPassword(input.password),
      roles: parseRoles(input.roles),
      createdAt: this.deps.clock.now().toISOString(),
      disabled: false,
      source,
      subject: null,
      providerRoles: [],
      lastSignInAt: null,
    };
    await this.deps.store.insertUser(user);
    return user;
  }

  /**
   * Changes a user. A new password ends every session of that user except `keepSessionId` (the
   * session the user changed their own password from): whoever knew the old one is logged out.
   */
  async updateUser(
    username: string,
    patch: { password?: string; roles?: string[]; disabled?: boolean; source?: UserSource },
    keepSessionId?: string,
  ): Promise<UserCredentials> {
    const user = await this.deps.store.getUser(username);
    if (!user) throw new NotFoundError('USER_NOT_FOUND', `user ${username} does not exist`);
    const update: CredentialsPatch = {};
    const source = patch.source ?? user.source;
    if (source !== user.source) {
      // Moving to the provider drops the password; back to local needs one. Either way the
      // account is bound anew: to the provider's subject at its next sign-in there.
      update.source = source;
      update.subject = null;
      update.providerRoles = [];
      if (source === 'provider') update.passwordHash = '';
      else if (patch.password === undefined)
        throw new InputError('PASSWORD_REQUIRED', `${username} needs a password to sign in with one`, [
          { path: 'password', message: 'is required when source becomes local' },
        ]);
    }
    if (patch.password !== undefined) {
      if (source === 'provider')
        throw new InputError(
          'PASSWORD_NOT_ALLOWED',
          `${username} signs in at the identity provider and has no password in Cairn`,
          [{ path: 'password', message: 'must be absent for a user of the identity provider' }],
        );
      checkPassword(patch.password);
      update.passwordHash = await hashPassword(patch.password);
    }
    if (patch.roles !== undefined) update.roles = parseRoles(patch.roles);
    if (patch.disabled !== undefined) update.disabled = patch.disabled;
    if (!(await this.deps.store.updateUser(username, update)))
      throw new NotFoundError('USER_NOT_FOUND', `user ${username} does not exist`);
    if (update.passwordHash !== undefined)
      await this.deps.store.deleteSessionsOf(
        username,
        keepSessionId === undefined ? undefined : hashSecret(keepSessionId),
      );
    // Roles, disabled or password changed: this user's sessions are looked up afresh (after the
    // deletion, so that a request in between cannot bring back a session just ended).
    this.sessionCache.deleteWhere((s) => s.principal.name === username);
    return (await this.deps.store.getUser(username))!;
  }

  listUsers(): Promise<UserCredentials[]> {
    return this.deps.store.listUsers();
  }

  /**
   * Creates the first admin when there is no user yet. Returns the password when it made one
   * (generated unless given), undefined when users already exist.
   */
  async ensureFirstAdmin(
    username = 'admin',
    password?: string,
  ): Promise<{ username: string; password: string } | undefined> {
    if ((await this.deps.store.countUsers()) > 0) return undefined;
    const pw = password ?? randomSecret(15);
    try {
      await this.createUser({ username, password: pw, roles: ['admin' satisfies Role] });
    } catch (e) {
      if (e instanceof ConflictError) return undefined; // another process made it first
      throw e;
    }
    return { username, password: pw };
  }
}

/**
 * At least MIN_PASSWORD_LENGTH characters besides leading and trailing white space: a password of
 * only spaces, or padded to length with them, is refused. Characters are counted as code points,
 * so an emoji counts once.
 */
function checkPassword(password: string): void {
  if ([...password.trim()].length < MIN_PASSWORD_LENGTH) {
    const message = `must have at least ${MIN_PASSWORD_LENGTH} characters that are not leading or trailing spaces`;
    throw new InputError(
      'WEAK_PASSWORD',
      `a password needs at least ${MIN_PASSWORD_LENGTH} characters besides leading and trailing spaces`,
      [{ path: 'password', message }],
    );
  }
}
