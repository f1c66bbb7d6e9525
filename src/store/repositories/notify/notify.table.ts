import type { Selectable } from 'kysely';
import type { Json, NullableTime, Time } from '../../column-types.js';

/** The tables of notifications (migration 0010). */
export interface NotificationsTable {
  id: string;
  event_id: string;
  user_name: string;
  kind: string;
  title: string;
  body: string;
  link: string;
  channels: Json;
  in_app: number;
  created_at: Time;
  read_at: NullableTime;
  digest_pending: number;
}

export interface NotificationDeliveriesTable {
  id: string;
  notification_id: string | null;
  digest_key: string | null;
  user_name: string;
  channel: string;
  target: string;
  attempt: number;
  status: string;
  error: string | null;
  at: Time;
  next_attempt_at: NullableTime;
}

export interface NotificationPreferencesTable {
  user_name: string;
  kind: string;
  channels: Json;
}

export interface NotificationGroupDefaultsTable {
  group_name: string;
  kind: string;
  channels: Json;
}

export interface NotificationSettingsTable {
  user_name: string;
  email_digest: number;
  chat_url: string | null;
  chat_format: string | null;
}

export interface NotificationTriggersTable {
  key: string;
  at: Time;
}

export type NotificationRow = Selectable<NotificationsTable>;
export type NotificationDeliveryRow = Selectable<NotificationDeliveriesTable>;
