import type { Insertable } from 'kysely';
import type { CairnEvent } from '../../core/events/event.types.js';
import type { Delivery, DeliveryStatus, Webhook } from '../../core/events/webhook.types.js';
import type {
  WebhookDeliveriesTable,
  WebhookDeliveryRow,
  WebhookRow,
  WebhooksTable,
} from '../repositories/webhook/webhook.table.js';
import { readJson, readNullableTime, readTime } from './values.js';

export function webhookRow(w: Webhook): Insertable<WebhooksTable> {
  return {
    id: w.id,
    url: w.url,
    events: JSON.stringify(w.events),
    secret: w.secret,
    description: w.description,
    active: w.active ? 1 : 0,
    created_by: w.createdBy,
    created_at: w.createdAt,
  };
}

export function rowToWebhook(r: WebhookRow): Webhook {
  return {
    id: r.id,
    url: r.url,
    events: readJson(r.events),
    secret: r.secret,
    description: r.description,
    active: Number(r.active) === 1,
    createdBy: r.created_by,
    createdAt: readTime(r.created_at),
  };
}

/** A delivery attempt's row, with the event it delivered (kept to redeliver it). */
export function deliveryRow(d: Delivery, event: CairnEvent): Insertable<WebhookDeliveriesTable> {
  return {
    id: d.id,
    webhook_id: d.webhookId,
    event_id: d.eventId,
    event_type: d.eventType,
    attempt: d.attempt,
    status: d.status,
    response_status: d.responseStatus,
    response_body: d.responseBody,
    error: d.error,
    duration_ms: d.durationMs,
    at: d.at,
    next_attempt_at: d.nextAttemptAt,
    event: JSON.stringify(event),
  };
}

export function rowToDelivery(r: WebhookDeliveryRow): Delivery {
  return {
    id: r.id,
    webhookId: r.webhook_id,
    eventId: r.event_id,
    eventType: r.event_type,
    attempt: r.attempt,
    status: r.status as DeliveryStatus,
    responseStatus: r.response_status,
    responseBody: r.response_body,
    error: r.error,
    durationMs: r.duration_ms,
    at: readTime(r.at),
    nextAttemptAt: readNullableTime(r.next_attempt_at),
  };
}

/** A delivery with the event it delivered, to redeliver it. */
export function rowToDeliveryWithEvent(r: WebhookDeliveryRow): { delivery: Delivery; event: CairnEvent } {
  return { delivery: rowToDelivery(r), event: readJson<CairnEvent>(r.event) };
}
