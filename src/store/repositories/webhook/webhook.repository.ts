import type { Kysely } from 'kysely';
import type { CairnEvent } from '../../../core/events/event.types.js';
import type { Delivery, Webhook } from '../../../core/events/webhook.types.js';
import type { WebhookStore } from '../../../core/events/events.port.js';
import { convertError } from '../../conversion/errors.js';
import {
  deliveryRow,
  rowToDelivery,
  rowToDeliveryWithEvent,
  rowToWebhook,
  webhookRow,
} from '../../conversion/webhook.js';
import type { Database } from '../../database.js';

/** The SQL of webhook subscriptions and of the log of every delivery attempt. */
export class WebhookRepository implements WebhookStore {
  constructor(private readonly db: Kysely<Database>) {}

  async insertWebhook(w: Webhook): Promise<void> {
    await this.db
      .insertInto('webhooks')
      .values(webhookRow(w))
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

  async updateWebhook(
    id: string,
    patch: Partial<Pick<Webhook, 'url' | 'events' | 'description' | 'active'>>,
  ): Promise<boolean> {
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
    await this.db.insertInto('webhook_deliveries').values(deliveryRow(d, event)).execute();
  }

  /** Newest first; `beforeId` pages back (ids are time-ordered). */
  async listDeliveries(webhookId: string, limit: number, beforeId?: string): Promise<Delivery[]> {
    let q = this.db
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('webhook_id', '=', webhookId)
      .orderBy('id', 'desc')
      .limit(limit);
    if (beforeId !== undefined) q = q.where('id', '<', beforeId);
    return (await q.execute()).map(rowToDelivery);
  }

  async getDelivery(id: string): Promise<{ delivery: Delivery; event: CairnEvent } | undefined> {
    const r = await this.db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
    return r && rowToDeliveryWithEvent(r);
  }
}
