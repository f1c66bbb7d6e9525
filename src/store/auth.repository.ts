import { sql, type Kysely } from 'kysely';
import type { ApiToken, AuthStore, SessionRecord, UserCredentials } from '../core/auth/auth.types.js';
import type { Role } from '../core/auth/roles.js';
import { convertError, readJson, readTime } from './conversion.js';
import type { Database } from './database.js';
import type { ApiTokenRow, UserCredentialsRow } from './repositories/auth/auth.table.js';

const optTime = (v: Date | string | null) => (v === null ? null : readTime(v));

function rowToUser(r: UserCredentialsRow): UserCredentials {
  return { username: r.username, passwordHash: r.password_hash, roles: readJson<Role[]>(r.roles), createdAt: readTime(r.created_at), disabled: Number(r.disabled) === 1 };
}

function rowToToken(r: ApiTokenRow): ApiToken {
  return {
    id: r.id,
    name: r.name,
    role: r.role as Role,
    createdBy: r.created_by,
    createdAt: readTime(r.created_at),
    expiresAt: optTime(r.expires_at),
    revokedAt: optTime(r.revoked_at),
    lastUsedAt: optTime(r.last_used_at),
  };
}

/** Credentials, API tokens and sessions. Knows nothing of the `users` table of the change workflow. */
export class AuthRepository implements AuthStore {
  constructor(private readonly db: Kysely<Database>) {}

  async getUser(username: string): Promise<UserCredentials | undefined> {
    const r = await this.db.selectFrom('user_credentials').selectAll().where('username', '=', username).executeTakeFirst();
    return r && rowToUser(r);
  }

  async listUsers(): Promise<UserCredentials[]> {
    return (await this.db.selectFrom('user_credentials').selectAll().orderBy('username').execute()).map(rowToUser);
  }

  async insertUser(u: UserCredentials): Promise<void> {
    await this.db
      .insertInto('user_credentials')
      .values({ username: u.username, password_hash: u.passwordHash, roles: JSON.stringify(u.roles), created_at: u.createdAt, disabled: u.disabled ? 1 : 0 })
      .execute()
      .catch((e: unknown) => convertError(e, `user ${u.username}`));
  }

  async updateUser(username: string, patch: Partial<Pick<UserCredentials, 'passwordHash' | 'roles' | 'disabled'>>): Promise<boolean> {
    const set: { password_hash?: string; roles?: string; disabled?: number } = {};
    if (patch.passwordHash !== undefined) set.password_hash = patch.passwordHash;
    if (patch.roles !== undefined) set.roles = JSON.stringify(patch.roles);
    if (patch.disabled !== undefined) set.disabled = patch.disabled ? 1 : 0;
    if (Object.keys(set).length === 0) return (await this.getUser(username)) !== undefined;
    const r = await this.db.updateTable('user_credentials').set(set).where('username', '=', username).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async countUsers(): Promise<number> {
    const r = await this.db.selectFrom('user_credentials').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async insertToken(t: ApiToken, hash: string): Promise<void> {
    await this.db
      .insertInto('api_tokens')
      .values({ id: t.id, name: t.name, role: t.role, token_hash: hash, created_by: t.createdBy, created_at: t.createdAt, expires_at: t.expiresAt, revoked_at: null, last_used_at: null })
      .execute()
      .catch((e: unknown) => convertError(e, `token ${t.name}`));
  }

  async findTokenByHash(hash: string): Promise<ApiToken | undefined> {
    const r = await this.db.selectFrom('api_tokens').selectAll().where('token_hash', '=', hash).executeTakeFirst();
    return r && rowToToken(r);
  }

  async listTokens(): Promise<ApiToken[]> {
    return (await this.db.selectFrom('api_tokens').selectAll().orderBy('created_at').orderBy('id').execute()).map(rowToToken);
  }

  async revokeToken(idOrName: string, at: string): Promise<ApiToken | undefined> {
    const r = await this.db
      .updateTable('api_tokens')
      .set({ revoked_at: at })
      .where('revoked_at', 'is', null)
      .where((eb) => eb.or([eb('id', '=', idOrName), eb('name', '=', idOrName)]))
      .returningAll()
      .execute();
    return r[0] && rowToToken(r[0]);
  }

  async touchToken(id: string, at: string): Promise<void> {
    await this.db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
  }

  async insertSession(idHash: string, s: SessionRecord): Promise<void> {
    await this.db.insertInto('sessions').values({ id_hash: idHash, username: s.username, csrf: s.csrf, created_at: s.createdAt, expires_at: s.expiresAt }).execute();
  }

  async findSession(idHash: string): Promise<SessionRecord | undefined> {
    const r = await this.db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
    return r && { username: r.username, csrf: r.csrf, createdAt: readTime(r.created_at), expiresAt: readTime(r.expires_at) };
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
  }

  async deleteExpiredSessions(now: string): Promise<number> {
    const r = await this.db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}

/** A stored answer to a POST sent with an Idempotency-Key. `status` null: still being worked on. */
export interface IdempotencyRecord {
  method: string;
  path: string;
  bodyHash: string;
  status: number | null;
  headers: Record<string, string> | null;
  body: string | null;
}

/**
 * Idempotency keys, per principal. `reserve` inserts the key before the request runs, so of two
 * servers receiving the same key at once only one does the work (the other sees the row).
 */
export class IdempotencyRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Inserts an in-progress row; returns the existing record instead when the key is taken. */
  async reserve(principal: string, key: string, record: Pick<IdempotencyRecord, 'method' | 'path' | 'bodyHash'>, now: string): Promise<IdempotencyRecord | undefined> {
    const inserted = await this.db
      .insertInto('idempotency_keys')
      .values({ principal, key, method: record.method, path: record.path, body_hash: record.bodyHash, status: null, headers: null, body: null, created_at: now })
      .onConflict((oc) => oc.columns(['principal', 'key']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0) return undefined;
    const r = await this.db.selectFrom('idempotency_keys').selectAll().where('principal', '=', principal).where('key', '=', key).executeTakeFirst();
    if (!r) return undefined;
    return { method: r.method, path: r.path, bodyHash: r.body_hash, status: r.status, headers: r.headers === null ? null : readJson(r.headers), body: r.body };
  }

  async complete(principal: string, key: string, status: number, headers: Record<string, string>, body: string): Promise<void> {
    await this.db.updateTable('idempotency_keys').set({ status, headers: JSON.stringify(headers), body }).where('principal', '=', principal).where('key', '=', key).execute();
  }

  /** Forgets a key whose request failed on the server's side, so that the client may retry it. */
  async release(principal: string, key: string): Promise<void> {
    await this.db.deleteFrom('idempotency_keys').where('principal', '=', principal).where('key', '=', key).where('status', 'is', null).execute();
  }

  async purgeBefore(iso: string): Promise<void> {
    await this.db.deleteFrom('idempotency_keys').where('created_at', '<', iso).execute();
  }
}
