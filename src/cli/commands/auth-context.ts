import type { Kysely } from 'kysely';
import { AuthService } from '../../core/auth/auth.service.js';
import { WebhookService } from '../../core/events/webhook.service.js';
import { systemClock } from '../../core/shared/clock.js';
import { ulidIds } from '../../core/shared/ids.js';
import { fetchSender } from '../../api/webhook-sender.js';
import { AuthRepository, type AuthTables } from '../../store/auth.repository.js';
import { KyselyCmdbStore } from '../../store/connect.js';
import { DbJobQueue, type JobTables } from '../../store/job-queue.js';
import { WebhookRepository, type WebhookTables } from '../../store/webhook.repository.js';
import type { CliContext } from '../context.js';

function kyselyOf<T>(ctx: CliContext): Kysely<T> {
  if (!(ctx.store instanceof KyselyCmdbStore)) throw new Error('this command needs a database store');
  return ctx.store.kysely as unknown as Kysely<T>;
}

/** Credentials and tokens on the command's database. */
export function authOf(ctx: CliContext): AuthService {
  return new AuthService({ store: new AuthRepository(kyselyOf<AuthTables>(ctx)), clock: systemClock });
}

/** Webhooks on the command's database; deliveries it queues are sent by a running server. */
export function webhooksOf(ctx: CliContext): WebhookService {
  const ids = ulidIds();
  const queue = new DbJobQueue(kyselyOf<JobTables>(ctx), ctx.store.engine, { clock: systemClock, ids });
  return new WebhookService({ store: new WebhookRepository(kyselyOf<WebhookTables>(ctx)), queue, sender: fetchSender, clock: systemClock, ids });
}
