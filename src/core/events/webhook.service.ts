import type { Clock } from '../shared/clock.js';
import { pageOf, type ListPage, type PageRequest } from '../shared/page.js';
import { InputError, NotFoundError } from '../shared/errors.js';
import type { IdGenerator } from '../shared/ids.js';
import { randomSecret } from '../auth/token.js';
import { isValidFilter, type CairnEvent, type EventType } from './event.types.js';
import { classifyResponse, nextAttemptAt } from './retry-policy.js';
import { signPayload, SIGNATURE_HEADER } from './signing.js';
import type { Delivery, Webhook } from './webhook.types.js';
import type { HttpSender, WebhookStore } from './events.port.js';
import type { Job, JobQueue } from '../jobs/jobs.port.js';

export const DELIVERY_JOB = 'webhook.deliver';
const TIMEOUT_MS = 10_000;

export interface DeliveryPayload {
  webhookId: string;
  event: CairnEvent;
}

export interface WebhookInput {
  url: string;
  events?: string[];
  description?: string;
  secret?: string;
  active?: boolean;
}

/**
 * Webhooks: subscriptions, pings and replays, and delivering a job (the relay, event-publisher.ts,
 * queues one job per matching subscription for each event) (signed POST, logged, retried with backoff for a day).
 */
export class WebhookService {
  constructor(
    private readonly deps: { store: WebhookStore; queue: JobQueue; sender: HttpSender; clock: Clock; ids: IdGenerator },
  ) {}

  async create(input: WebhookInput, createdBy: string): Promise<Webhook> {
    const w: Webhook = {
      id: this.deps.ids.next('whk'),
      url: checkUrl(input.url),
      events: checkEvents(input.events ?? ['*']),
      secret: input.secret ?? randomSecret(24),
      description: input.description ?? '',
      active: input.active ?? true,
      createdBy,
      createdAt: this.deps.clock.now().toISOString(),
    };
    await this.deps.store.insertWebhook(w);
    return w;
  }

  async get(id: string): Promise<Webhook> {
    const w = await this.deps.store.getWebhook(id);
    if (!w) throw new NotFoundError('WEBHOOK_NOT_FOUND', `webhook ${id} does not exist (see \`cairn webhook list\`)`);
    return w;
  }

  list(): Promise<Webhook[]> {
    return this.deps.store.listWebhooks();
  }

  async update(id: string, patch: Partial<Omit<WebhookInput, 'secret'>>): Promise<Webhook> {
    const clean: Partial<Pick<Webhook, 'url' | 'events' | 'description' | 'active'>> = {};
    if (patch.url !== undefined) clean.url = checkUrl(patch.url);
    if (patch.events !== undefined) clean.events = checkEvents(patch.events);
    if (patch.description !== undefined) clean.description = patch.description;
    if (patch.active !== undefined) clean.active = patch.active;
    if (!(await this.deps.store.updateWebhook(id, clean))) await this.get(id);
    return this.get(id);
  }

  async remove(id: string): Promise<void> {
    if (!(await this.deps.store.deleteWebhook(id))) await this.get(id);
  }

  async deliveries(id: string, limit: number, before?: string): Promise<Delivery[]> {
    await this.get(id);
    return this.deps.store.listDeliveries(id, limit, before);
  }

  /** One page of the subscriptions, by id (oldest first). */
  async page(request: PageRequest): Promise<ListPage<Webhook>> {
    return pageOf(await this.list(), (w) => w.id, request);
  }

  /** One page of a subscription's delivery attempts, newest first; the cursor is the last delivery id shown. */
  async deliveryPage(id: string, request: PageRequest): Promise<ListPage<Delivery>> {
    const limit = request.limit ?? 50;
    const list = await this.deliveries(id, limit + 1, request.cursor);
    const items = list.slice(0, limit);
    return { items, nextCursor: list.length > limit ? items[items.length - 1]!.id : null };
  }

  /** Queues a new delivery of a logged delivery's event (same event id, so receivers can deduplicate). */
  async replay(deliveryId: string): Promise<string> {
    const found = await this.deps.store.getDelivery(deliveryId);
    if (!found) throw new NotFoundError('DELIVERY_NOT_FOUND', `delivery ${deliveryId} does not exist`);
    return this.deps.queue.enqueue(DELIVERY_JOB, {
      webhookId: found.delivery.webhookId,
      event: found.event,
    } satisfies DeliveryPayload);
  }

  /** Queues a `webhook.ping` to one subscription, to test a receiver. */
  async ping(id: string): Promise<string> {
    const w = await this.get(id);
    return this.deps.queue.enqueue(DELIVERY_JOB, {
      webhookId: w.id,
      event: this.event('webhook.ping', { webhook: w.id }),
    } satisfies DeliveryPayload);
  }

  event<T>(type: EventType, data: T): CairnEvent<T> {
    return { id: this.deps.ids.next('evt'), type, at: this.deps.clock.now().toISOString(), data };
  }

  /** Runs one delivery job: POSTs the signed event, logs the attempt, then completes, retries or fails the job. */
  async deliver(job: Job<DeliveryPayload>): Promise<Delivery | undefined> {
    const { queue, store, clock, sender } = this.deps;
    const webhook = await store.getWebhook(job.payload.webhookId);
    if (!webhook) {
      await queue.fail(job.id, 'the webhook was removed');
      return undefined;
    }
    const body = JSON.stringify(job.payload.event);
    const started = clock.now();
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'Cairn-Webhooks/1',
      [SIGNATURE_HEADER]: signPayload(body, webhook.secret, Math.floor(started.getTime() / 1000)),
      'Cairn-Event': job.payload.event.type,
      'Cairn-Delivery': job.id,
    };
    let status: number | undefined;
    let responseBody: string | null = null;
    let error: string | null = null;
    try {
      const res = await sender.post(webhook.url, body, headers, TIMEOUT_MS);
      status = res.status;
      responseBody = res.body.slice(0, 2048);
      if (classifyResponse(status) !== 'ok') error = `the receiver answered ${status}`;
    } catch (e) {
      error = (e as Error).message;
    }
    const attempt = job.attempts + 1;
    const now = clock.now();
    const verdict = classifyResponse(status);
    const retryAt = verdict === 'retry' ? nextAttemptAt(new Date(job.createdAt), attempt, now) : null;
    const delivery: Delivery = {
      id: this.deps.ids.next('dlv'),
      webhookId: webhook.id,
      eventId: job.payload.event.id,
      eventType: job.payload.event.type,
      attempt,
      status: verdict === 'ok' ? 'succeeded' : retryAt ? 'retrying' : 'failed',
      responseStatus: status ?? null,
      responseBody,
      error,
      durationMs: now.getTime() - started.getTime(),
      at: started.toISOString(),
      nextAttemptAt: retryAt?.toISOString() ?? null,
    };
    await store.insertDelivery(delivery, job.payload.event);
    if (verdict === 'ok') await queue.complete(job.id);
    else if (retryAt) await queue.retry(job.id, retryAt.toISOString(), error ?? 'failed');
    else await queue.fail(job.id, error ?? 'failed');
    return delivery;
  }
}

function checkUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InputError('INVALID_WEBHOOK', `"${url}" is not a URL`, [
      { path: 'url', message: 'must be an absolute http(s) URL' },
    ]);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new InputError('INVALID_WEBHOOK', `webhook URL ${url} must use http or https`, [
      { path: 'url', message: 'must be an absolute http(s) URL' },
    ]);
  }
  return parsed.toString();
}

function checkEvents(events: string[]): string[] {
  const bad = events.filter((e) => !isValidFilter(e));
  if (bad.length > 0 || events.length === 0) {
    throw new InputError(
      'INVALID_WEBHOOK',
      `event filter ${bad.length > 0 ? `"${bad.join('", "')}"` : '(empty)'} names no event: use revision.created, change.*, drift.detected or *`,
      [{ path: 'events', message: 'each entry must be an event type, a prefix like change.*, or *' }],
    );
  }
  return [...new Set(events)];
}
