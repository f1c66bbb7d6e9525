import type { Kysely } from 'kysely';
import type { Clock } from '../core/shared/clock.js';
import type { IdGenerator } from '../core/shared/ids.js';
import { AuthRepository, IdempotencyRepository, type AuthTables } from './auth.repository.js';
import type { KyselyCmdbStore } from './connect.js';
import { DriftScheduleRepository, type DriftScheduleTables } from './drift-schedule.repository.js';
import { DbJobQueue, type JobTables } from './job-queue.js';
import { WebhookRepository, type WebhookTables } from './webhook.repository.js';

/**
 * The repositories that live beside the CMDB's tables, on one store's connection. Each sees only
 * the tables declared beside it; composition roots (the CLI context, the server) take them from
 * here instead of reaching for the store's query builder themselves.
 */
export function storeRepositories(store: KyselyCmdbStore, options: { clock: Clock; ids: IdGenerator }) {
  const db = <T>() => store.kysely as unknown as Kysely<T>;
  return {
    jobs: () => new DbJobQueue(db<JobTables>(), store.engine, options),
    webhooks: () => new WebhookRepository(db<WebhookTables>()),
    auth: () => new AuthRepository(db<AuthTables>()),
    idempotency: () => new IdempotencyRepository(db<AuthTables>()),
    driftSchedules: () => new DriftScheduleRepository(db<DriftScheduleTables>()),
  };
}
