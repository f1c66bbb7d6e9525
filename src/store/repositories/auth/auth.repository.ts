import { sql, type Kysely } from 'kysely';
import type { ApiToken, CalendarFeedRecord, SessionRecord, UserCredentials } from '../../../core/auth/auth.types.js';
import type { AuthStore, CredentialsPatch } from '../../../core/auth/auth.port.js';
import {
  credentialsRow,
  rowToCalendarFeed,
  rowToCredentials,
  rowToSession,
  rowToToken,
  sessionRow,
  tokenRow,
} from '../../conversion/auth.js';
import { convertError } from '../../conversion/errors.js';
import type { Database } from '../../database.js';

/** The SQL of the API's credentials, tokens and sessions. Knows nothing of the `users` table of the change workflow. */
export class AuthRepository implements AuthStore {
  constructor(private readonly db: Kysely<Database>) {}

  async getUser(username: string): Promise<UserCredentials | undefined> {
    const r = await this.db
      .selectFrom('user_credentials')
      .selectAll()
      .where('username', '=', username)
      .executeTakeFirst();
    return r && rowToCredentials(r);
  }

  async listUsers(): Promise<UserCredentials[]> {
    return (await this.db.selectFrom('user_credentials').selectAll().orderBy('username').execute()).map(
      rowToCredentials,
    );
  }

  async insertUser(u: UserCredentials): Promise<void> {
    await this.db
      .insertInto('user_credentials')
      .values(credentialsRow(u))
      .execute()
      .catch((e: unknown) => convertError(e, `user ${u.username}`));
  }

  async updateUser(username: string, patch: CredentialsPatch): Promise<boolean> {
    const set: {
      password_hash?: string;
      roles?: string;
      disabled?: number;
      source?: string;
      subject?: string | null;
      provider_roles?: string;
    } = {};
    if (patch.passwordHash !== undefined) set.password_hash = patch.passwordHash;
    if (patch.roles !== undefined) set.roles = JSON.stringify(patch.roles);
    if (patch.disabled !== undefined) set.disabled = patch.disabled ? 1 : 0;
    if (patch.source !== undefined) set.source = patch.source;
    if (patch.subject !== undefined) set.subject = patch.subject;
    if (patch.providerRoles !== undefined) set.provider_roles = JSON.stringify(patch.providerRoles);
    if (Object.keys(set).length === 0) return (await this.getUser(username)) !== undefined;
    const r = await this.db
      .updateTable('user_credentials')
      .set(set)
      .where('username', '=', username)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async countUsers(): Promise<number> {
    const r = await this.db
      .selectFrom('user_credentials')
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async insertToken(t: ApiToken, hash: string): Promise<void> {
    await this.db
      .insertInto('api_tokens')
      .values(tokenRow(t, hash))
      .execute()
      .catch((e: unknown) => convertError(e, `token ${t.name}`));
  }

  async findTokenByHash(hash: string): Promise<ApiToken | undefined> {
    const r = await this.db.selectFrom('api_tokens').selectAll().where('token_hash', '=', hash).executeTakeFirst();
    return r && rowToToken(r);
  }

  async listTokens(): Promise<ApiToken[]> {
    return (await this.db.selectFrom('api_tokens').selectAll().orderBy('created_at').orderBy('id').execute()).map(
      rowToToken,
    );
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

  async replaceCalendarFeed(f: CalendarFeedRecord): Promise<void> {
    // One statement: the old secret and the new one are never both valid, nor neither.
    await this.db
      .insertInto('calendar_feeds')
      .values({ username: f.username, id: f.id, secret_hash: f.secretHash, created_at: f.createdAt })
      .onConflict((oc) =>
        oc.column('username').doUpdateSet({ id: f.id, secret_hash: f.secretHash, created_at: f.createdAt }),
      )
      .execute();
  }

  async findCalendarFeed(id: string): Promise<CalendarFeedRecord | undefined> {
    const r = await this.db.selectFrom('calendar_feeds').selectAll().where('id', '=', id).executeTakeFirst();
    return r && rowToCalendarFeed(r);
  }

  async calendarFeedOf(username: string): Promise<CalendarFeedRecord | undefined> {
    const r = await this.db
      .selectFrom('calendar_feeds')
      .selectAll()
      .where('username', '=', username)
      .executeTakeFirst();
    return r && rowToCalendarFeed(r);
  }

  async deleteCalendarFeed(username: string): Promise<boolean> {
    const r = await this.db.deleteFrom('calendar_feeds').where('username', '=', username).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  async insertSession(idHash: string, s: SessionRecord): Promise<void> {
    await this.db.insertInto('sessions').values(sessionRow(idHash, s)).execute();
  }

  async findSession(idHash: string): Promise<SessionRecord | undefined> {
    const r = await this.db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
    return r && rowToSession(r);
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
  }

  async deleteSessionsOf(username: string, exceptIdHash?: string): Promise<void> {
    let q = this.db.deleteFrom('sessions').where('username', '=', username);
    if (exceptIdHash !== undefined) q = q.where('id_hash', '<>', exceptIdHash);
    await q.execute();
  }

  async deleteSessionsByProviderSid(sid: string): Promise<number> {
    const r = await this.db.deleteFrom('sessions').where('provider_sid', '=', sid).executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  async deleteExpiredSessions(now: string): Promise<number> {
    const r = await this.db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
