import type { Clock } from '../core/shared/clock.js';
import type { IdGenerator } from '../core/shared/ids.js';
import { AuthRepository, IdempotencyRepository } from './auth.repository.js';
import type { KyselyCmdbStore } from './connect.js';
import { DriftScheduleRepository } from './drift-schedule.repository.js';
import { DbJobQueue } from './job-queue.js';
import { WebhookRepository } from './webhook.repository.js';

/**
 * The repositories that live beside the CMDB's tables, on one store's connection. Each sees only
 * the tables declared beside it; composition roots (the CLI context, the server) take them from
 * here instead of reaching for the store's query builder themselves.
 */
export function storeRepositories(store: KyselyCmdbStore, options: { clock: Clock; ids: IdGenerator }) {
  const db = store.kysely;
  return {
    jobs: () => new DbJobQueue(db, store.engine, options),
    webhooks: () => new WebhookRepository(db),
    auth: () => new AuthRepository(db),
    idempotency: () => new IdempotencyRepository(db),
    driftSchedules: () => new DriftScheduleRepository(db),
  };
}
