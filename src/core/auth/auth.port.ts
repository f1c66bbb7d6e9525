import type { ApiToken, CalendarFeedRecord, SessionRecord, UserCredentials } from './auth.types.js';

/** What an admin may change of an account (moving it between password and identity provider included). */
export type CredentialsPatch = Partial<
  Pick<UserCredentials, 'passwordHash' | 'roles' | 'disabled' | 'source' | 'subject' | 'providerRoles'>
>;

/** Storage of credentials, tokens and sessions (implemented in store/repositories/auth/auth.repository.ts). */
export interface AuthStore {
  getUser(username: string): Promise<UserCredentials | undefined>;
  listUsers(): Promise<UserCredentials[]>;
  /** Throws ConflictError when the username is taken. */
  insertUser(user: UserCredentials): Promise<void>;
  updateUser(username: string, patch: CredentialsPatch): Promise<boolean>;
  countUsers(): Promise<number>;

  insertToken(token: ApiToken, hash: string): Promise<void>;
  findTokenByHash(hash: string): Promise<ApiToken | undefined>;
  listTokens(): Promise<ApiToken[]>;
  /** Sets revoked_at on the token with this id or (active) name; returns it, or undefined. */
  revokeToken(idOrName: string, at: string): Promise<ApiToken | undefined>;
  touchToken(id: string, at: string): Promise<void>;

  /** Stores the user's calendar feed, replacing the one they had (so the old address stops working). */
  replaceCalendarFeed(feed: CalendarFeedRecord): Promise<void>;
  findCalendarFeed(id: string): Promise<CalendarFeedRecord | undefined>;
  calendarFeedOf(username: string): Promise<CalendarFeedRecord | undefined>;
  /** Deletes the user's calendar feed; false when there was none. */
  deleteCalendarFeed(username: string): Promise<boolean>;

  insertSession(idHash: string, session: SessionRecord): Promise<void>;
  findSession(idHash: string): Promise<SessionRecord | undefined>;
  deleteSession(idHash: string): Promise<void>;
  /** Deletes every session of the user, except the one with `exceptIdHash` when given. */
  deleteSessionsOf(username: string, exceptIdHash?: string): Promise<void>;
  deleteExpiredSessions(now: string): Promise<number>;
  /** Deletes the sessions started by this identity-provider session; returns how many. */
  deleteSessionsByProviderSid(sid: string): Promise<number>;
}
