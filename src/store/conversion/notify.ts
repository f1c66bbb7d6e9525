import type { Insertable } from 'kysely';
import type { Notification, NotificationDelivery } from '../../core/notify/notification.types.js';
import type {
  NotificationDeliveriesTable,
  NotificationDeliveryRow,
  NotificationRow,
  NotificationsTable,
} from '../repositories/notify/notify.table.js';
import { readJson, readNullableTime, readTime } from './values.js';

export function notificationRow(n: Notification, digestPending: boolean): Insertable<NotificationsTable> {
  return {
    id: n.id,
    event_id: n.eventId,
    user_name: n.user,
    kind: n.kind,
    title: n.title,
    body: n.body,
    link: n.link,
    channels: JSON.stringify(n.channels),
    in_app: n.channels.includes('inapp') ? 1 : 0,
    created_at: n.createdAt,
    read_at: n.readAt,
    digest_pending: digestPending ? 1 : 0,
  };
}

export function rowToNotification(r: NotificationRow): Notification {
  return {
    id: r.id,
    eventId: r.event_id,
    user: r.user_name,
    kind: r.kind as Notification['kind'],
    title: r.title,
    body: r.body,
    link: r.link,
    channels: readJson(r.channels),
    createdAt: readTime(r.created_at),
    readAt: readNullableTime(r.read_at),
  };
}

export function notificationDeliveryRow(d: NotificationDelivery): Insertable<NotificationDeliveriesTable> {
  return {
    id: d.id,
    notification_id: d.notificationId,
    digest_key: d.digestKey,
    user_name: d.user,
    channel: d.channel,
    target: d.target,
    attempt: d.attempt,
    status: d.status,
    error: d.error,
    at: d.at,
    next_attempt_at: d.nextAttemptAt,
  };
}

export function rowToNotificationDelivery(r: NotificationDeliveryRow): NotificationDelivery {
  return {
    id: r.id,
    notificationId: r.notification_id,
    digestKey: r.digest_key,
    user: r.user_name,
    channel: r.channel as NotificationDelivery['channel'],
    target: r.target,
    attempt: Number(r.attempt),
    status: r.status as NotificationDelivery['status'],
    error: r.error,
    at: readTime(r.at),
    nextAttemptAt: readNullableTime(r.next_attempt_at),
  };
}
