import type { OutboxEntry } from '../shared/outbox.js';
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

/** An outbox entry not yet relayed; `seq` orders them. */
export interface PendingEvent extends OutboxEntry {
  seq: number;
}

/** One entry to relay and the delivery jobs it becomes (none when no subscription takes it). */
export interface RelayBatch {
  seq: number;
  jobs: { kind: string; payload: unknown }[];
}

/** The outbox as the relay sees it (implemented in store/repositories/webhook/outbox.repository.ts). */
export interface OutboxRelay {
  /** The oldest pending entries, at most `limit`. */
  pending(limit: number): Promise<PendingEvent[]>;
  /**
   * In one transaction, removes each entry still pending and queues its jobs; an entry another
   * process relayed meanwhile is skipped. Returns how many entries this call relayed.
   */
  relay(batch: readonly RelayBatch[]): Promise<number>;
}
