import type { Kysely } from 'kysely';
import type { ChannelChoices } from '../../../core/notify/notify.port.js';
import type { Channel, ChatFormat, NotificationSettings } from '../../../core/notify/notification.types.js';
import { readJson } from '../../conversion/values.js';
import type { Database } from '../../database.js';
import type { Engine } from '../../engine.js';
import { inWriteTransaction, WRITE_LOCKS } from '../../write-transaction.js';

/** The SQL of people's channel choices and settings, and of groups' defaults. */
export class NotificationPreferenceRepository {
  constructor(
    protected readonly db: Kysely<Database>,
    protected readonly engine: Engine,
  ) {}

  async choices(user: string): Promise<ChannelChoices> {
    const rows = await this.db
      .selectFrom('notification_preferences')
      .select(['kind', 'channels'])
      .where('user_name', '=', user)
      .execute();
    return Object.fromEntries(rows.map((r) => [r.kind, readJson<Channel[]>(r.channels)]));
  }

  async setChoices(user: string, choices: ChannelChoices): Promise<void> {
    await inWriteTransaction(this.db, this.engine, WRITE_LOCKS.notify, async (trx) => {
      await trx.deleteFrom('notification_preferences').where('user_name', '=', user).execute();
      const rows = Object.entries(choices).map(([kind, channels]) => ({
        user_name: user,
        kind,
        channels: JSON.stringify(channels),
      }));
      if (rows.length > 0) await trx.insertInto('notification_preferences').values(rows).execute();
    });
  }

  async groupDefaults(groups: readonly string[]): Promise<Record<string, ChannelChoices>> {
    if (groups.length === 0) return {};
    const rows = await this.db
      .selectFrom('notification_group_defaults')
      .selectAll()
      .where('group_name', 'in', groups)
      .execute();
    const out: Record<string, ChannelChoices> = {};
    for (const r of rows) (out[r.group_name] ??= {})[r.kind as keyof ChannelChoices] = readJson<Channel[]>(r.channels);
    return out;
  }

  async setGroupDefaults(group: string, choices: ChannelChoices): Promise<void> {
    await inWriteTransaction(this.db, this.engine, WRITE_LOCKS.notify, async (trx) => {
      await trx.deleteFrom('notification_group_defaults').where('group_name', '=', group).execute();
      const rows = Object.entries(choices).map(([kind, channels]) => ({
        group_name: group,
        kind,
        channels: JSON.stringify(channels),
      }));
      if (rows.length > 0) await trx.insertInto('notification_group_defaults').values(rows).execute();
    });
  }

  async settings(user: string): Promise<NotificationSettings | undefined> {
    const r = await this.db
      .selectFrom('notification_settings')
      .selectAll()
      .where('user_name', '=', user)
      .executeTakeFirst();
    if (!r) return undefined;
    return {
      emailDigest: Number(r.email_digest) === 1,
      chatUrl: r.chat_url,
      chatFormat: r.chat_format as ChatFormat | null,
    };
  }

  async setSettings(user: string, s: NotificationSettings): Promise<void> {
    const values = { email_digest: s.emailDigest ? 1 : 0, chat_url: s.chatUrl, chat_format: s.chatFormat };
    await this.db
      .insertInto('notification_settings')
      .values({ user_name: user, ...values })
      .onConflict((oc) => oc.column('user_name').doUpdateSet(values))
      .execute();
  }
}
