import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';

/**
 * Single sign-on with OpenID Connect (issue 15):
 * - `user_credentials` learns where a user signs in (`source`: local password or the identity
 *   provider), the provider's subject the account is bound to at first sign-in (so a reused
 *   username at the provider cannot take it over), and the roles the provider's claims mapped
 *   at the last sign-in (`provider_roles`, replaced at every sign-in; `roles` stay the ones an
 *   admin assigned).
 * - `provider_group_members`: approver-group memberships the claims gave at the last sign-in,
 *   kept apart from `group_members` (set by policy.yaml and `cairn group member add`) so that
 *   neither source overwrites the other; a user's groups are the union of both.
 * - `sessions.provider_sid`: the provider's session id, so that its front-channel logout can end
 *   the Cairn sessions it started.
 */
export function up(engine: Engine) {
  return async (db: Kysely<unknown>): Promise<void> => {
    const json = engine === 'postgres' ? sql`jsonb` : sql`text`;
    const time = engine === 'postgres' ? sql`timestamptz` : sql`text`;
    await db.schema
      .alterTable('user_credentials')
      .addColumn('source', 'text', (c) => c.notNull().defaultTo('local'))
      .execute();
    await db.schema.alterTable('user_credentials').addColumn('subject', 'text').execute();
    await db.schema
      .alterTable('user_credentials')
      .addColumn('provider_roles', json, (c) => c.notNull().defaultTo('[]'))
      .execute();
    await db.schema.alterTable('user_credentials').addColumn('last_sign_in_at', time).execute();
    await db.schema
      .createIndex('ux_user_credentials_subject')
      .on('user_credentials')
      .column('subject')
      .unique()
      .where(sql.ref('subject'), 'is not', null)
      .execute();

    await db.schema
      .createTable('provider_group_members')
      .addColumn('group_name', 'text', (c) => c.notNull())
      .addColumn('user_name', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_provider_group_members', ['group_name', 'user_name'])
      .execute();
    await db.schema
      .createIndex('ix_provider_group_members_user')
      .on('provider_group_members')
      .column('user_name')
      .execute();

    await db.schema.alterTable('sessions').addColumn('provider_sid', 'text').execute();
    await db.schema.createIndex('ix_sessions_provider_sid').on('sessions').column('provider_sid').execute();
  };
}
