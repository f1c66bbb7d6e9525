import type { Clock } from '../core/shared/clock.js';
import type { IdGenerator } from '../core/shared/ids.js';
import type { KyselyCmdbStore } from './repositories/cmdb/cmdb.store.js';
import { AuditVerificationRepository } from './repositories/audit/audit-verification.repository.js';
import { CabMinutesRepository } from './repositories/cab/cab-minutes.repository.js';
import { AuthRepository } from './repositories/auth/auth.repository.js';
import { IdempotencyRepository } from './repositories/auth/idempotency.repository.js';
import { LoginAttemptRepository } from './repositories/auth/login-attempt.repository.js';
import { SsoRepository } from './repositories/auth/sso.repository.js';
import { DriftScheduleRepository } from './repositories/drift/drift-schedule.repository.js';
import { DbJobQueue } from './repositories/job/job-queue.repository.js';
import { KyselyReleaseStore } from './repositories/release/release.store.js';
import { KyselyIncidentStore } from './repositories/incident/incident.store.js';
import { NotificationRepository } from './repositories/notify/notification.repository.js';
import { OutboxRepository } from './repositories/webhook/outbox.repository.js';
import { WebhookRepository } from './repositories/webhook/webhook.repository.js';

/**
 * The repositories that live beside the CMDB's tables, on one store's connection pool. Composition
 * roots (src/app/services.ts) take them from here instead of reaching for the store's query
 * builder themselves. The CMDB, change and drift stores are built from the store directly.
 */
export function storeRepositories(store: KyselyCmdbStore, options: { clock: Clock; ids: IdGenerator }) {
  const db = store.kysely;
  return {
    jobs: () => new DbJobQueue(db, store.engine, options),
    webhooks: () => new WebhookRepository(db),
    outbox: () => new OutboxRepository(db, store.engine, options),
    auth: () => new AuthRepository(db),
    idempotency: () => new IdempotencyRepository(db),
    loginAttempts: () => new LoginAttemptRepository(db),
    auditVerifications: () => new AuditVerificationRepository(db),
    cabMinutes: () => new CabMinutesRepository(db),
    sso: () => new SsoRepository(db, store.engine),
    driftSchedules: () => new DriftScheduleRepository(db),
    notifications: () => new NotificationRepository(db, store.engine, options),
    releases: () => new KyselyReleaseStore(db, store.engine),
    incidents: () => new KyselyIncidentStore(db, store.engine),
  };
}
