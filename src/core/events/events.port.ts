import type { CairnEvent } from './event.types.js';
import type { Delivery, Webhook } from './webhook.types.js';

/** Where webhooks and their deliveries are kept. */
export interface WebhookStore {
  insertWebhook(w: Webhook): Promise<void>;
  getWebhook(id: string): Promise<Webhook | undefined>;
  listWebhooks(): Promise<Webhook[]>;
  updateWebhook(
    id: string,
    patch: Partial<Pick<Webhook, 'url' | 'events' | 'description' | 'active'>>,
  ): Promise<boolean>;
  deleteWebhook(id: string): Promise<boolean>;
  insertDelivery(d: Delivery, event: CairnEvent): Promise<void>;
  listDeliveries(webhookId: string, limit: number, beforeId?: string): Promise<Delivery[]>;
  getDelivery(id: string): Promise<{ delivery: Delivery; event: CairnEvent } | undefined>;
}

/** Sends one HTTP POST (the API layer implements it with fetch). */
export interface HttpSender {
  post(
    url: string,
    body: string,
    headers: Record<string, string>,
    timeoutMs: number,
  ): Promise<{ status: number; body: string }>;
}
