import type { ApiToken } from '../../core/auth/auth.types.js';
import type { Delivery } from '../../core/events/webhook.types.js';
import type { GroupRecord, UserRecord } from '../../core/change/change.port.js';
import type { ListPage } from '../../core/shared/page.js';

/*
 * The API's views of users, groups, tokens and webhooks, built in its schemas' property order
 * and with nothing else: what the HTTP client gets back, so that both print the same.
 */

export const userView = (u: UserRecord) => ({
  name: u.name,
  email: u.email,
  displayName: u.displayName,
  createdAt: u.createdAt,
  source: u.source,
});

export const groupView = (g: GroupRecord) => ({
  name: g.name,
  description: g.description,
  members: g.members,
  providerMembers: g.providerMembers,
});

export const tokenView = (t: ApiToken) => ({
  id: t.id,
  name: t.name,
  role: t.role as string,
  createdBy: t.createdBy,
  createdAt: t.createdAt,
  expiresAt: t.expiresAt,
  revokedAt: t.revokedAt,
  lastUsedAt: t.lastUsedAt,
});

export const deliveryView = (d: Delivery) => ({
  id: d.id,
  webhookId: d.webhookId,
  eventId: d.eventId,
  eventType: d.eventType,
  attempt: d.attempt,
  status: d.status as string,
  responseStatus: d.responseStatus,
  responseBody: d.responseBody,
  error: d.error,
  durationMs: d.durationMs,
  at: d.at,
  nextAttemptAt: d.nextAttemptAt,
});

/** A page with its items turned into views. */
export function mapPage<T, V>(page: ListPage<T>, view: (item: T) => V): ListPage<V> {
  return { ...page, items: page.items.map(view) };
}
