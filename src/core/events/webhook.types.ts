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

/** A webhook as the API and the CLI show it: everything but its secret. */
export function webhookView(w: Webhook) {
  return {
    id: w.id,
    url: w.url,
    events: w.events,
    description: w.description,
    active: w.active,
    createdBy: w.createdBy,
    createdAt: w.createdAt,
  };
}
