import type { Kysely } from 'kysely';
import type { UserCredentials } from '../../../core/auth/auth.types.js';
import type { ProviderSignIn, SsoStore } from '../../../core/auth/sso.port.js';
import { credentialsRow, rowToCredentials, sessionRow } from '../../conversion/auth.js';
import { ConflictError } from '../../../core/shared/errors.js';
import type { Database } from '../../database.js';
import type { Engine } from '../../engine.js';
import { inWriteTransaction, WRITE_LOCKS } from '../../write-transaction.js';

/**
 * The SQL of single sign-on. A sign-in writes the account (user_credentials), the change
 * workflow's person (users), the approver groups the claims gave (provider_group_members, beside
 * the memberships policy.yaml sets in group_members) and the session, in one transaction.
 */
export class SsoRepository implements SsoStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly engine: Engine,
  ) {}

  async getUser(username: string): Promise<UserCredentials | undefined> {
    const r = await this.db
      .selectFrom('user_credentials')
      .selectAll()
      .where('username', '=', username)
      .executeTakeFirst();
    return r && rowToCredentials(r);
  }

  async getUserBySubject(subject: string): Promise<UserCredentials | undefined> {
    const r = await this.db
      .selectFrom('user_credentials')
      .selectAll()
      .where('subject', '=', subject)
      .executeTakeFirst();
    return r && rowToCredentials(r);
  }

  async providerGroupsOf(username: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('provider_group_members')
      .select('group_name')
      .where('user_name', '=', username)
      .orderBy('group_name')
      .execute();
    return rows.map((r) => r.group_name);
  }

  async recordSignIn(s: ProviderSignIn): Promise<void> {
    const name = s.user.username;
    await inWriteTransaction(this.db, this.engine, WRITE_LOCKS.signIn, async (db) => {
      // Two first sign-ins of one person at once: the second finds the account the first made
      // (under the lock) and updates it. Someone else's account of that name is never joined.
      const made = s.created
        ? await db.selectFrom('user_credentials').select('subject').where('username', '=', name).executeTakeFirst()
        : undefined;
      if (made && made.subject !== s.user.subject)
        throw new ConflictError('CONFLICT', `the account ${name} was just created for someone else: ask an admin`);
      if (s.created && !made) await db.insertInto('user_credentials').values(credentialsRow(s.user)).execute();
      else
        await db
          .updateTable('user_credentials')
          .set({
            subject: s.user.subject,
            provider_roles: JSON.stringify(s.user.providerRoles),
            last_sign_in_at: s.user.lastSignInAt,
          })
          .where('username', '=', name)
          .execute();

      const person = await db.selectFrom('users').select('name').where('name', '=', name).executeTakeFirst();
      if (!person)
        await db
          .insertInto('users')
          .values({
            name,
            email: s.profile.email,
            display_name: s.profile.displayName,
            created_at: s.session.record.createdAt,
          })
          .execute();
      else if (s.profile.email !== null || s.profile.displayName !== null)
        await db
          .updateTable('users')
          .set({
            ...(s.profile.email !== null ? { email: s.profile.email } : {}),
            ...(s.profile.displayName !== null ? { display_name: s.profile.displayName } : {}),
          })
          .where('name', '=', name)
          .execute();

      await db.deleteFrom('provider_group_members').where('user_name', '=', name).execute();
      if (s.groups.length > 0) {
        const known = new Set(
          (await db.selectFrom('user_groups').select('name').where('name', 'in', s.groups).execute()).map(
            (g) => g.name,
          ),
        );
        const missing = s.groups.filter((g) => !known.has(g));
        if (missing.length > 0)
          await db
            .insertInto('user_groups')
            .values(missing.map((g) => ({ name: g, description: null })))
            .execute();
        await db
          .insertInto('provider_group_members')
          .values(s.groups.map((group_name) => ({ group_name, user_name: name })))
          .execute();
      }

      await db.insertInto('sessions').values(sessionRow(s.session.idHash, s.session.record)).execute();
    });
  }
}
