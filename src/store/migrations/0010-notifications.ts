import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';

/**
 * Notifications (issue 15):
 * - `notifications`: one row per person told of one event (the in-app bell reads these). Unique on
 *   (event_id, user_name), so fanning an event out again (a retried job) adds nobody twice.
 *   `in_app` marks those the bell shows; `digest_pending` an email left for the daily digest.
 * - `notification_deliveries`: every attempt to send one notification (or one digest) by email or
 *   chat, with its outcome: the delivery log, and what a retry reads to never send twice.
 * - `notification_preferences`: a person's channels per kind of notification.
 * - `notification_group_defaults`: an admin's channels per kind for the members of a group.
 * - `notification_settings`: a person's chat webhook and whether email comes as a daily digest.
 * - `notification_triggers`: keys of the notifications raised by time rather than by a write (a
 *   change's window starting, a freeze starting, a digest due), so each is raised once.
 */
export function up(engine: Engine) {
  return async (db: Kysely<unknown>): Promise<void> => {
    const json = engine === 'postgres' ? sql`jsonb` : sql`text`;
    const time = engine === 'postgres' ? sql`timestamptz` : sql`text`;

    await db.schema
      .createTable('notifications')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('event_id', 'text', (c) => c.notNull())
      .addColumn('user_name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('link', 'text', (c) => c.notNull())
      .addColumn('channels', json, (c) => c.notNull())
      .addColumn('in_app', 'integer', (c) => c.notNull())
      .addColumn('created_at', time, (c) => c.notNull())
      .addColumn('read_at', time)
      .addColumn('digest_pending', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema
      .createIndex('ux_notifications_event_user')
      .on('notifications')
      .columns(['event_id', 'user_name'])
      .unique()
      .execute();
    await db.schema.createIndex('ix_notifications_user').on('notifications').columns(['user_name', 'id']).execute();

    await db.schema
      .createTable('notification_deliveries')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('notification_id', 'text')
      .addColumn('digest_key', 'text')
      .addColumn('user_name', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('target', 'text', (c) => c.notNull())
      .addColumn('attempt', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('error', 'text')
      .addColumn('at', time, (c) => c.notNull())
      .addColumn('next_attempt_at', time)
      .execute();
    await db.schema
      .createIndex('ix_notification_deliveries_notification')
      .on('notification_deliveries')
      .columns(['notification_id', 'channel'])
      .execute();
    await db.schema
      .createIndex('ix_notification_deliveries_digest')
      .on('notification_deliveries')
      .column('digest_key')
      .execute();

    await db.schema
      .createTable('notification_preferences')
      .addColumn('user_name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('channels', json, (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_notification_preferences', ['user_name', 'kind'])
      .execute();

    await db.schema
      .createTable('notification_group_defaults')
      .addColumn('group_name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('channels', json, (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_notification_group_defaults', ['group_name', 'kind'])
      .execute();

    await db.schema
      .createTable('notification_settings')
      .addColumn('user_name', 'text', (c) => c.primaryKey())
      .addColumn('email_digest', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('chat_url', 'text')
      .addColumn('chat_format', 'text')
      .execute();

    await db.schema
      .createTable('notification_triggers')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('at', time, (c) => c.notNull())
      .execute();
  };
}
