import type { Selectable } from 'kysely';
import type { Json, NullableTime, Time } from '../../column-types.js';

/** Webhook subscriptions and the log of their deliveries (migration 0003). */
export interface WebhooksTable {
  id: string;
  url: string;
  events: Json;
  secret: string;
  description: string;
  /** 0 or 1: SQLite has no boolean. */
  active: number;
  created_by: string;
  created_at: Time;
}

export interface WebhookDeliveriesTable {
  id: string;
  webhook_id: string;
  event_id: string;
  event_type: string;
  attempt: number;
  status: string;
  response_status: number | null;
  response_body: string | null;
  error: string | null;
  duration_ms: number;
  at: Time;
  next_attempt_at: NullableTime;
  event: Json;
}

export type WebhookRow = Selectable<WebhooksTable>;
export type WebhookDeliveryRow = Selectable<WebhookDeliveriesTable>;
