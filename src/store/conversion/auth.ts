import type { Insertable } from 'kysely';
import type { ApiToken, CalendarFeedRecord, SessionRecord, UserCredentials } from '../../core/auth/auth.types.js';
import type { Role } from '../../core/auth/permissions.js';
import type {
  ApiTokenRow,
  ApiTokensTable,
  CalendarFeedRow,
  IdempotencyKeyRow,
  SessionRow,
  SessionsTable,
  UserCredentialsRow,
  UserCredentialsTable,
} from '../repositories/auth/auth.table.js';
import type { IdempotencyRecord } from '../../core/auth/idempotency.port.js';
import { readJson, readNullableTime, readTime } from './values.js';

export function credentialsRow(u: UserCredentials): Insertable<UserCredentialsTable> {
  return {
    username: u.username,
    password_hash: u.passwordHash,
    roles: JSON.stringify(u.roles),
    created_at: u.createdAt,
    disabled: u.disabled ? 1 : 0,
    source: u.source,
    subject: u.subject,
    provider_roles: JSON.stringify(u.providerRoles),
    last_sign_in_at: u.lastSignInAt,
  };
}

export function rowToCredentials(r: UserCredentialsRow): UserCredentials {
  return {
    username: r.username,
    passwordHash: r.password_hash,
    roles: readJson<Role[]>(r.roles),
    createdAt: readTime(r.created_at),
    disabled: Number(r.disabled) === 1,
    source: r.source === 'provider' ? 'provider' : 'local',
    subject: r.subject,
    providerRoles: readJson<Role[]>(r.provider_roles),
    lastSignInAt: readNullableTime(r.last_sign_in_at),
  };
}

/** A new token's row: only the hash of the token is stored. */
export function tokenRow(t: ApiToken, hash: string): Insertable<ApiTokensTable> {
  return {
    id: t.id,
    name: t.name,
    role: t.role,
    token_hash: hash,
    created_by: t.createdBy,
    created_at: t.createdAt,
    expires_at: t.expiresAt,
    revoked_at: null,
    last_used_at: null,
  };
}

export function rowToToken(r: ApiTokenRow): ApiToken {
  return {
    id: r.id,
    name: r.name,
    role: r.role as Role,
    createdBy: r.created_by,
    createdAt: readTime(r.created_at),
    expiresAt: readNullableTime(r.expires_at),
    revokedAt: readNullableTime(r.revoked_at),
    lastUsedAt: readNullableTime(r.last_used_at),
  };
}

export function sessionRow(idHash: string, s: SessionRecord): Insertable<SessionsTable> {
  return {
    id_hash: idHash,
    username: s.username,
    csrf: s.csrf,
    created_at: s.createdAt,
    expires_at: s.expiresAt,
    provider_sid: s.providerSid ?? null,
  };
}

export function rowToSession(r: SessionRow): SessionRecord {
  return {
    username: r.username,
    csrf: r.csrf,
    createdAt: readTime(r.created_at),
    expiresAt: readTime(r.expires_at),
    providerSid: r.provider_sid,
  };
}

export function rowToIdempotency(r: IdempotencyKeyRow): IdempotencyRecord {
  return {
    method: r.method,
    path: r.path,
    bodyHash: r.body_hash,
    status: r.status,
    headers: r.headers === null ? null : readJson(r.headers),
    body: r.body,
  };
}

export function rowToCalendarFeed(r: CalendarFeedRow): CalendarFeedRecord {
  return { username: r.username, id: r.id, secretHash: r.secret_hash, createdAt: readTime(r.created_at) };
}
