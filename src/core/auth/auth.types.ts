import type { Role } from './permissions.js';

/** Where a user signs in: with a password kept by Cairn, or at the identity provider (single sign-on). */
export const USER_SOURCES = ['local', 'provider'] as const;
export type UserSource = (typeof USER_SOURCES)[number];

/** A user's credentials and roles, kept in Cairn's own table keyed by username. */
export interface UserCredentials {
  username: string;
  /** Empty for a user who signs in at the identity provider: no password matches it. */
  passwordHash: string;
  /** The roles an admin assigned. */
  roles: Role[];
  createdAt: string;
  disabled: boolean;
  source: UserSource;
  /** The provider's `sub` this account is bound to (set at its first single sign-on). */
  subject: string | null;
  /** The roles the provider's claims mapped at the last sign-in; replaced at every sign-in. */
  providerRoles: Role[];
  lastSignInAt: string | null;
}

/** What a user may do: the roles an admin assigned and those the provider's claims gave at the last sign-in. */
export function effectiveRoles(user: Pick<UserCredentials, 'roles' | 'providerRoles'>): Role[] {
  return [...new Set([...user.roles, ...user.providerRoles])];
}

export interface ApiToken {
  /** The 12 hex characters inside the token; shown in lists, never enough to use it. */
  id: string;
  name: string;
  role: Role;
  createdBy: string;
  createdAt: string;
  /** Null: never expires. */
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

/** A user's calendar subscription secret as stored (only its hash; the secret is shown once). */
export interface CalendarFeedRecord {
  username: string;
  /** The public half of the feed's address, to find the record. */
  id: string;
  secretHash: string;
  createdAt: string;
}

export interface SessionRecord {
  username: string;
  csrf: string;
  createdAt: string;
  expiresAt: string;
  /** The identity provider's session (`sid` of the ID token), for its front-channel logout. */
  providerSid?: string | null;
}
