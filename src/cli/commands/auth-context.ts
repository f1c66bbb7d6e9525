import { AuthService } from '../../core/auth/auth.service.js';
import { WebhookService } from '../../core/events/webhook.service.js';
import { systemClock } from '../../core/shared/clock.js';
import { ulidIds } from '../../core/shared/ids.js';
import { fetchSender } from '../../api/webhook-sender.js';
import { KyselyCmdbStore } from '../../store/connect.js';
import type { CliContext } from '../context.js';
import { storeRepositories } from '../../store/repositories.js';

function repositoriesOf(ctx: CliContext) {
  if (!(ctx.store instanceof KyselyCmdbStore)) throw new Error('this command needs a database store');
  return storeRepositories(ctx.store, { clock: systemClock, ids: ulidIds() });
}

/** Credentials and tokens on the command's database. */
export function authOf(ctx: CliContext): AuthService {
  return new AuthService({ store: repositoriesOf(ctx).auth(), clock: systemClock });
}

/** Webhooks on the command's database; deliveries it queues are sent by a running server. */
export function webhooksOf(ctx: CliContext): WebhookService {
  const repositories = repositoriesOf(ctx);
  return new WebhookService({ store: repositories.webhooks(), queue: repositories.jobs(), sender: fetchSender, clock: systemClock, ids: ulidIds() });
}
