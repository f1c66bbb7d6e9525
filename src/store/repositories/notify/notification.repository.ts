import type { Kysely } from 'kysely';
import type { NotificationStore, NotificationToStore, QueuedJob } from '../../../core/notify/notify.port.js';
import type { Notification, NotificationDelivery } from '../../../core/notify/notification.types.js';
import type { Clock } from '../../../core/shared/clock.js';
import type { IdGenerator } from '../../../core/shared/ids.js';
import type { OutboxEntry } from '../../../core/shared/outbox.js';
import {
  notificationDeliveryRow,
  notificationRow,
  rowToNotification,
  rowToNotificationDelivery,
} from '../../conversion/notify.js';
import type { Database } from '../../database.js';
import type { Engine } from '../../engine.js';
import { inWriteTransaction, WRITE_LOCKS } from '../../write-transaction.js';
import { DbJobQueue } from '../job/job-queue.repository.js';
import { appendOutbox } from '../webhook/outbox.repository.js';
import { NotificationPreferenceRepository } from './notification-preference.repository.js';

type Deps = { clock: Clock; ids: IdGenerator };

/** The SQL of notifications, their delivery log and time triggers; preferences are in their own repository. */
export class NotificationRepository extends NotificationPreferenceRepository implements NotificationStore {
  constructor(
    db: Kysely<Database>,
    engine: Engine,
    private readonly deps: Deps,
  ) {
    super(db, engine);
  }

  async fanOut(items: readonly NotificationToStore[], completeJobId: string): Promise<Notification[]> {
    return inWriteTransaction(this.db, this.engine, WRITE_LOCKS.notify, async (conn) => {
      const queue = new DbJobQueue(conn, this.engine, this.deps);
      const stored: Notification[] = [];
      for (const { notification, digestPending, jobs } of items) {
        const r = await conn
          .insertInto('notifications')
          .values(notificationRow(notification, digestPending))
          .onConflict((oc) => oc.columns(['event_id', 'user_name']).doNothing())
          .executeTakeFirst();
        if (Number(r.numInsertedOrUpdatedRows ?? 0) === 0) continue; // fanned out before (a retried job)
        for (const job of jobs) await queue.enqueue(job.kind, job.payload);
        stored.push(notification);
      }
      await queue.complete(completeJobId);
      return stored;
    });
  }

  async getNotification(id: string): Promise<Notification | undefined> {
    const r = await this.db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst();
    return r && rowToNotification(r);
  }

  async listNotifications(
    user: string,
    options: { unreadOnly?: boolean; limit: number; beforeId?: string },
  ): Promise<Notification[]> {
    let q = this.db
      .selectFrom('notifications')
      .selectAll()
      .where('user_name', '=', user)
      .where('in_app', '=', 1)
      .orderBy('id', 'desc')
      .limit(options.limit);
    if (options.unreadOnly) q = q.where('read_at', 'is', null);
    if (options.beforeId !== undefined) q = q.where('id', '<', options.beforeId);
    return (await q.execute()).map(rowToNotification);
  }

  async countUnread(user: string): Promise<number> {
    const r = await this.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_name', '=', user)
      .where('in_app', '=', 1)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async markRead(user: string, at: string, ids?: readonly string[]): Promise<number> {
    let q = this.db
      .updateTable('notifications')
      .set({ read_at: at })
      .where('user_name', '=', user)
      .where('read_at', 'is', null);
    if (ids) {
      if (ids.length === 0) return 0;
      q = q.where('id', 'in', ids);
    }
    return Number((await q.executeTakeFirst()).numUpdatedRows);
  }

  async usersWithDigest(before: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('notifications')
      .select('user_name')
      .distinct()
      .where('digest_pending', '=', 1)
      .where('created_at', '<', before)
      .orderBy('user_name')
      .execute();
    return rows.map((r) => r.user_name);
  }

  async digestItems(user: string, before: string): Promise<Notification[]> {
    const rows = await this.db
      .selectFrom('notifications')
      .selectAll()
      .where('user_name', '=', user)
      .where('digest_pending', '=', 1)
      .where('created_at', '<', before)
      .orderBy('id')
      .execute();
    return rows.map(rowToNotification);
  }

  async clearDigest(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.updateTable('notifications').set({ digest_pending: 0 }).where('id', 'in', ids).execute();
  }

  async insertDelivery(d: NotificationDelivery): Promise<void> {
    await this.db.insertInto('notification_deliveries').values(notificationDeliveryRow(d)).execute();
  }

  async deliveries(of: { notificationId?: string; digestKey?: string }): Promise<NotificationDelivery[]> {
    let q = this.db.selectFrom('notification_deliveries').selectAll().orderBy('id');
    if (of.notificationId !== undefined) q = q.where('notification_id', '=', of.notificationId);
    else if (of.digestKey !== undefined) q = q.where('digest_key', '=', of.digestKey);
    else return [];
    return (await q.execute()).map(rowToNotificationDelivery);
  }

  async trigger(
    key: string,
    at: string,
    effects: { events?: readonly OutboxEntry[]; jobs?: readonly QueuedJob[] },
  ): Promise<boolean> {
    return inWriteTransaction(this.db, this.engine, WRITE_LOCKS.notify, async (conn) => {
      const r = await conn
        .insertInto('notification_triggers')
        .values({ key, at })
        .onConflict((oc) => oc.column('key').doNothing())
        .executeTakeFirst();
      if (Number(r.numInsertedOrUpdatedRows ?? 0) === 0) return false;
      await appendOutbox(conn, effects.events ?? []);
      const queue = new DbJobQueue(conn, this.engine, this.deps);
      for (const job of effects.jobs ?? []) await queue.enqueue(job.kind, job.payload);
      return true;
    });
  }
}
