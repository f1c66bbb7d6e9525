import type { KyselyChangeStore } from '../store/repositories/change/change.store.js';
import type { storeRepositories } from '../store/store-repositories.js';
import type { HttpSender } from '../core/events/events.port.js';
import type { JobQueue } from '../core/jobs/jobs.port.js';
import { NotificationSender } from '../core/notify/notification-sender.js';
import { NotificationService } from '../core/notify/notification.service.js';
import { NotificationTriggers } from '../core/notify/notification-triggers.js';
import type { People } from '../core/notify/recipients.js';
import type { Clock } from '../core/shared/clock.js';
import type { IdGenerator } from '../core/shared/ids.js';
import type { NotifyOptions } from './services.types.js';
import { smtpMailer } from './smtp-mailer.js';

/** The notification services on one store, sharing its people, queue and mailer. */
export function notificationServices(d: {
  store: ReturnType<ReturnType<typeof storeRepositories>['notifications']>;
  people: People;
  changes: KyselyChangeStore;
  queue: JobQueue;
  sender: HttpSender;
  clock: Clock;
  ids: IdGenerator;
  options: NotifyOptions;
}) {
  const mailer = d.options.mailer ?? smtpMailer(undefined, '');
  const publicUrl = d.options.publicUrl ?? 'http://localhost:4000';
  const common = { store: d.store, people: d.people, mailer, sender: d.sender, clock: d.clock, publicUrl };
  return {
    service: new NotificationService(common),
    sender: new NotificationSender({ ...common, queue: d.queue, ids: d.ids }),
    triggers: new NotificationTriggers({
      store: d.store,
      changes: d.changes,
      clock: d.clock,
      digestHour: d.options.digestHour ?? 7,
    }),
  };
}
