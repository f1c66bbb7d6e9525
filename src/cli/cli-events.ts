import type { ChangeService } from '../core/change/change.service.js';
import type { CmdbServices } from '../core/services.js';
import { EventPublisher } from '../core/events/event-publisher.js';
import { WebhookService } from '../core/events/webhook.service.js';
import type { HttpSender } from '../core/events/webhook.types.js';
import { systemClock, type Clock } from '../core/shared/clock.js';
import { ulidIds } from '../core/shared/ids.js';
import type { KyselyCmdbStore } from '../store/connect.js';
import { storeRepositories } from '../store/repositories.js';

/** A CLI process queues deliveries; a server's job runner sends them. */
const noDelivery: HttpSender = { post: () => Promise.reject(new Error('the CLI does not deliver webhooks: a running `cairn serve` does')) };

/**
 * Publishes the events of a CLI process (revisions, change transitions and approvals, drift
 * checks) into the database job queue, where any `cairn serve` on the same database delivers
 * them. Call `flush()` before closing the store.
 */
export function cliEvents(store: KyselyCmdbStore, services: Pick<CmdbServices, 'cmdb' | 'history'> & { changes: ChangeService }, options: { clock?: Clock; onError?: (e: unknown) => void } = {}): EventPublisher {
  const clock = options.clock ?? systemClock;
  const ids = ulidIds();
  const repositories = storeRepositories(store, { clock, ids });
  const webhooks = new WebhookService({ store: repositories.webhooks(), queue: repositories.jobs(), sender: noDelivery, clock, ids });
  const events = new EventPublisher({ sink: webhooks, onError: options.onError ?? ((e) => process.stderr.write(`cairn: warning: an event could not be queued for webhooks: ${(e as Error).message}\n`)) });
  events.watchCmdb(services.cmdb, { store, history: services.history });
  events.watchChanges(services.changes);
  return events;
}
