import type { Kysely } from 'kysely';
import type { GroupRecord, UserRecord } from '../../../core/change/change.port.js';
import { NotFoundError } from '../../../core/shared/errors.js';
import { rowToUser, userRow } from '../../conversion/change.js';
import { convertError } from '../../conversion/errors.js';
import type { Database } from '../../database.js';

/**
 * The SQL of the change workflow's people: `users`, `user_groups` and `group_members` (approver
 * groups). Not the API's credentials (repositories/auth). A group's `members` are those policy.yaml
 * and `cairn group member add` put in `group_members`; its `providerMembers` those the identity
 * provider's claims gave at their last sign-in (`provider_group_members`, migration 0009). A user
 * acts for a group when either lists them.
 */
export class UserGroupRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async getUser(name: string): Promise<UserRecord | undefined> {
    const row = await this.withSource().where('users.name', '=', name).executeTakeFirst();
    return row && rowToUser(row);
  }

  async listUsers(): Promise<UserRecord[]> {
    return (await this.withSource().orderBy('users.name').execute()).map(rowToUser);
  }

  /** The people with where they sign in, from their credentials when they have an account. */
  private withSource() {
    return this.db
      .selectFrom('users')
      .leftJoin('user_credentials', 'user_credentials.username', 'users.name')
      .selectAll('users')
      .select('user_credentials.source');
  }

  async getGroup(name: string): Promise<GroupRecord | undefined> {
    const row = await this.db.selectFrom('user_groups').selectAll().where('name', '=', name).executeTakeFirst();
    if (!row) return undefined;
    const members = await this.db
      .selectFrom('group_members')
      .select('user_name')
      .where('group_name', '=', name)
      .orderBy('user_name')
      .execute();
    const fromProvider = await this.db
      .selectFrom('provider_group_members')
      .select('user_name')
      .where('group_name', '=', name)
      .orderBy('user_name')
      .execute();
    return {
      name: row.name,
      description: row.description,
      members: members.map((m) => m.user_name),
      providerMembers: fromProvider.map((m) => m.user_name),
    };
  }

  async listGroups(): Promise<GroupRecord[]> {
    const groups = await this.db.selectFrom('user_groups').selectAll().orderBy('name').execute();
    const members = await this.db.selectFrom('group_members').selectAll().orderBy('user_name').execute();
    const fromProvider = await this.db.selectFrom('provider_group_members').selectAll().orderBy('user_name').execute();
    return groups.map((g) => ({
      name: g.name,
      description: g.description,
      members: members.filter((m) => m.group_name === g.name).map((m) => m.user_name),
      providerMembers: fromProvider.filter((m) => m.group_name === g.name).map((m) => m.user_name),
    }));
  }

  async groupsOf(user: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('group_members')
      .select('group_name')
      .where('user_name', '=', user)
      .union(this.db.selectFrom('provider_group_members').select('group_name').where('user_name', '=', user))
      .orderBy('group_name')
      .execute();
    return rows.map((r) => r.group_name);
  }

  async upsertUser(u: UserRecord): Promise<void> {
    const exists = await this.getUser(u.name);
    if (exists)
      await this.db
        .updateTable('users')
        .set({ email: u.email, display_name: u.displayName })
        .where('name', '=', u.name)
        .execute();
    else await this.db.insertInto('users').values(userRow(u)).execute();
  }

  async insertGroup(group: { name: string; description: string | null }): Promise<void> {
    try {
      await this.db.insertInto('user_groups').values(group).execute();
    } catch (e) {
      convertError(e, `group ${group.name}`);
    }
  }

  async setGroupMembers(group: string, members: string[]): Promise<void> {
    if (!(await this.getGroup(group))) await this.insertGroup({ name: group, description: null });
    await this.db.deleteFrom('group_members').where('group_name', '=', group).execute();
    const unique = [...new Set(members)];
    if (unique.length > 0)
      await this.db
        .insertInto('group_members')
        .values(unique.map((user_name) => ({ group_name: group, user_name })))
        .execute();
  }

  async addGroupMember(group: string, user: string): Promise<void> {
    const current = await this.getGroup(group);
    if (!current)
      throw new NotFoundError(
        'GROUP_NOT_FOUND',
        `group ${group} does not exist: create it with \`cairn group add ${group}\``,
      );
    if (!current.members.includes(user))
      await this.db.insertInto('group_members').values({ group_name: group, user_name: user }).execute();
  }
}
