import type { Kysely } from 'kysely';
import type { CairnEvent } from '../core/events/event.types.js';
import type { Delivery, DeliveryStatus, Webhook, WebhookStore } from '../core/events/webhook.types.js';
import { convertError, readJson, readTime } from './conversion.js';
import type { Database } from './database.js';
import type { WebhookDeliveryRow, WebhookRow } from './repositories/webhook/webhook.table.js';

function rowToWebhook(r: WebhookRow): Webhook {
  return { id: r.id, url: r.url, events: readJson(r.events), secret: r.secret, description: r.description, active: Number(r.active) === 1, createdBy: r.created_by, createdAt: readTime(r.created_at) };
}

function rowToDelivery(r: WebhookDeliveryRow): Delivery {
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
    nextAttemptAt: r.next_attempt_at === null ? null : readTime(r.next_attempt_at),
  };
}

/** Webhook subscriptions and the log of every delivery attempt. */
export class WebhookRepository implements WebhookStore {
  constructor(private readonly db: Kysely<Database>) {}

  async insertWebhook(w: Webhook): Promise<void> {
    await this.db
      .insertInto('webhooks')
      .values({ id: w.id, url: w.url, events: JSON.stringify(w.events), secret: w.secret, description: w.description, active: w.active ? 1 : 0, created_by: w.createdBy, created_at: w.createdAt })
      .execute()
      .catch((e: unknown) => convertError(e, `webhook ${w.id}`));
  }

  async getWebhook(id: string): Promise<Webhook | undefined> {
    const r = await this.db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst();
    return r && rowToWebhook(r);
  }

  async listWebhooks(): Promise<Webhook[]> {
    return (await this.db.selectFrom('webhooks').selectAll().orderBy('id').execute()).map(rowToWebhook);
  }

  async updateWebhook(id: string, patch: Partial<Pick<Webhook, 'url' | 'events' | 'description' | 'active'>>): Promise<boolean> {
    const set: { url?: string; events?: string; description?: string; active?: number } = {};
    if (patch.url !== undefined) set.url = patch.url;
    if (patch.events !== undefined) set.events = JSON.stringify(patch.events);
    if (patch.description !== undefined) set.description = patch.description;
    if (patch.active !== undefined) set.active = patch.active ? 1 : 0;
    if (Object.keys(set).length === 0) return (await this.getWebhook(id)) !== undefined;
    const r = await this.db.updateTable('webhooks').set(set).where('id', '=', id).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async deleteWebhook(id: string): Promise<boolean> {
    const r = await this.db.deleteFrom('webhooks').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  async insertDelivery(d: Delivery, event: CairnEvent): Promise<void> {
    await this.db
      .insertInto('webhook_deliveries')
      .values({
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
      })
      .execute();
  }

  /** Newest first; `beforeId` pages back (ids are time-ordered). */
  async listDeliveries(webhookId: string, limit: number, beforeId?: string): Promise<Delivery[]> {
    let q = this.db.selectFrom('webhook_deliveries').selectAll().where('webhook_id', '=', webhookId).orderBy('id', 'desc').limit(limit);
    if (beforeId !== undefined) q = q.where('id', '<', beforeId);
    return (await q.execute()).map(rowToDelivery);
  }

  async getDelivery(id: string): Promise<{ delivery: Delivery; event: CairnEvent } | undefined> {
    const r = await this.db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
    return r && { delivery: rowToDelivery(r), event: readJson<CairnEvent>(r.event) };
  }
}
