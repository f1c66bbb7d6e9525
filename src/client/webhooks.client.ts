import type {
  CreateWebhookBody,
  DeliveryView,
  Queued,
  WebhookCreated,
  WebhookView,
} from '../contracts/webhook.contracts.js';
import type { Page, PageQuery } from './page.js';

/** Webhook subscriptions, their delivery log and replays. */
export interface WebhooksClient {
  /** Subscribes a URL; the signing secret is returned once. */
  add(input: CreateWebhookBody): Promise<WebhookCreated>;
  list(query: PageQuery): Promise<Page<WebhookView>>;
  remove(id: string): Promise<void>;
  /** Delivery attempts of one subscription, newest first. */
  deliveries(id: string, query: PageQuery): Promise<Page<DeliveryView>>;
  /** Queues a logged delivery's event again; a running server delivers it. */
  replay(deliveryId: string): Promise<Queued>;
}
