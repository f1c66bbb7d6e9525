import type { CairnEvent } from './event.types.js';

export interface Webhook {
  id: string;
  url: string;
  /** Event types or patterns (`change.*`, `*`). */
  events: string[];
  /** The HMAC key; shown once when created. */
  secret: string;
  description: string;
  active: boolean;
  createdBy: string;
  createdAt: string;
}

export type DeliveryStatus = 'succeeded' | 'retrying' | 'failed';

/** One attempt to deliver one event to one webhook, with the receiver's answer. */
export interface Delivery {
  id: string;
  webhookId: string;
  eventId: string;
  eventType: string;
  attempt: number;
  status: DeliveryStatus;
  responseStatus: number | null;
  /** The first 2 KiB of the receiver's answer. */
  responseBody: string | null;
  error: string | null;
  durationMs: number;
  at: string;
  nextAttemptAt: string | null;
}

export interface WebhookStore {
  insertWebhook(w: Webhook): Promise<void>;
  getWebhook(id: string): Promise<Webhook | undefined>;
  listWebhooks(): Promise<Webhook[]>;
  updateWebhook(id: string, patch: Partial<Pick<Webhook, 'url' | 'events' | 'description' | 'active'>>): Promise<boolean>;
  deleteWebhook(id: string): Promise<boolean>;
  insertDelivery(d: Delivery, event: CairnEvent): Promise<void>;
  listDeliveries(webhookId: string, limit: number, beforeId?: string): Promise<Delivery[]>;
  getDelivery(id: string): Promise<{ delivery: Delivery; event: CairnEvent } | undefined>;
}

/** A unit of background work in the database-backed queue. */
export interface Job<P = unknown> {
  id: string;
  kind: string;
  payload: P;
  attempts: number;
  createdAt: string;
}

/**
 * The job queue: jobs survive restarts and any process may take one. A claimed job is leased
 * (not deleted) until completed, so a process that dies mid-job lets another retry it later.
 */
export interface JobQueue {
  enqueue(kind: string, payload: unknown, runAt?: string): Promise<string>;
  /** Takes up to `limit` due jobs, leasing them to `worker` for `leaseMs`; no job goes to two workers. */
  claim(worker: string, limit: number, leaseMs: number): Promise<Job[]>;
  complete(id: string): Promise<void>;
  /** Returns the job to the queue to run again at `runAt`, counting the attempt. */
  retry(id: string, runAt: string, error: string): Promise<void>;
  fail(id: string, error: string): Promise<void>;
  counts(): Promise<Record<string, number>>;
}

/** Sends one HTTP POST (the API layer implements it with fetch). */
export interface HttpSender {
  post(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<{ status: number; body: string }>;
}
