import type { ColumnType, Selectable } from 'kysely';
import type { Json, NullableJson, NullableTime, Time } from '../../column-types.js';

/** The API's credentials, tokens, sessions and idempotency keys (migration 0003). */
export interface UserCredentialsTable {
  username: string;
  password_hash: string;
  roles: Json;
  created_at: Time;
  /** 0 or 1: SQLite has no boolean. */
  disabled: number;
  /** 'local' (a password) or 'provider' (single sign-on), migration 0009. */
  source: ColumnType<string, string | undefined, string>;
  /** The identity provider's `sub`, bound at the first sign-in through it. */
  subject: string | null;
  /** Roles the provider's claims mapped at the last sign-in (a JSON array). */
  provider_roles: ColumnType<unknown, string | undefined, string>;
  last_sign_in_at: NullableTime;
}

export interface ApiTokensTable {
  id: string;
  name: string;
  role: string;
  /** SHA-256 of the token; the token itself is never stored. */
  token_hash: string;
  created_by: string;
  created_at: Time;
  expires_at: NullableTime;
  revoked_at: NullableTime;
  last_used_at: NullableTime;
}

export interface SessionsTable {
  id_hash: string;
  username: string;
  csrf: string;
  created_at: Time;
  expires_at: Time;
  /** The identity provider's session id (`sid`), for its front-channel logout (migration 0009). */
  provider_sid: string | null;
}

export interface IdempotencyKeysTable {
  principal: string;
  key: string;
  method: string;
  path: string;
  body_hash: string;
  status: number | null;
  headers: NullableJson;
  body: string | null;
  created_at: Time;
}

/** A user's calendar subscription secret (migration 0018): one per user, only its hash kept. */
export interface CalendarFeedsTable {
  username: string;
  /** The public half of the feed's address, to find the row. */
  id: string;
  secret_hash: string;
  created_at: Time;
}

export type UserCredentialsRow = Selectable<UserCredentialsTable>;
export type ApiTokenRow = Selectable<ApiTokensTable>;
export type CalendarFeedRow = Selectable<CalendarFeedsTable>;
export type SessionRow = Selectable<SessionsTable>;
export type IdempotencyKeyRow = Selectable<IdempotencyKeysTable>;

/** Sign-in attempts within the throttling window (migration 0008); a success removes its own. */
export interface LoginAttemptsTable {
  id: string;
  /** Lower-cased, so that `Bob` and `bob` share one count. */
  username: string;
  address: string;
  at: Time;
}

/** Approver-group memberships the identity provider's claims gave at the last sign-in (migration 0009). */
export interface ProviderGroupMembersTable {
  group_name: string;
  user_name: string;
}
