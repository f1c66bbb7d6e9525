import type { SessionRecord, UserCredentials } from './auth.types.js';

/** What one sign-in through the identity provider writes, all in one transaction. */
export interface ProviderSignIn {
  /** The account after this sign-in: created (just in time) or updated. */
  user: UserCredentials;
  /** Whether the account is new (inserted) or existed (updated). */
  created: boolean;
  /** The change workflow's person: name, email and display name from the claims. */
  profile: { email: string | null; displayName: string | null };
  /** The approver groups the claims give now: the user's provider memberships become exactly these. */
  groups: string[];
  session: { idHash: string; record: SessionRecord };
}

/** Storage of single sign-on (implemented in store/repositories/auth/sso.repository.ts). */
export interface SsoStore {
  getUser(username: string): Promise<UserCredentials | undefined>;
  /** The account bound to this subject of the identity provider. */
  getUserBySubject(subject: string): Promise<UserCredentials | undefined>;
  /** Writes the sign-in: the account, the workflow's person, the group memberships and the session. */
  recordSignIn(signIn: ProviderSignIn): Promise<void>;
  /** The approver groups the provider's claims gave this user at their last sign-in. */
  providerGroupsOf(username: string): Promise<string[]>;
}
