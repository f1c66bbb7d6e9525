import type { Role } from './permissions.js';

/** A user's credentials and roles, kept in Cairn's own table keyed by username. */
export interface UserCredentials {
  username: string;
  passwordHash: string;
  roles: Role[];
  createdAt: string;
  disabled: boolean;
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

export interface SessionRecord {
  username: string;
  csrf: string;
  createdAt: string;
  expiresAt: string;
}
