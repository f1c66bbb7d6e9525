import type { HttpSender } from '../events/events.port.js';
import { nextAttemptAt } from '../events/retry-policy.js';
import type { Job, JobQueue } from '../jobs/jobs.port.js';
import type { Clock } from '../shared/clock.js';
import type { IdGenerator } from '../shared/ids.js';
import { chatPayload } from './chat-payload.js';
import { channelsFor } from './channel-choice.js';
import { absoluteLink, digestMail, mailDomain, notificationMail } from './mail-message.js';
import type { Mailer, NotificationStore, NotificationToStore } from './notify.port.js';
import type { Channel, Notification, NotificationDelivery } from './notification.types.js';
import { recipientsOf, type NotifiableEvent, type People } from './recipients.js';

/** Fans one event out into notifications (queued by the event relay, one per event). */
export const FANOUT_JOB = 'notify.fanout';
/** Sends one notification on one channel. */
export const DELIVER_JOB = 'notify.deliver';
/** Sends one person's daily digest. */
export const DIGEST_JOB = 'notify.digest';

export interface FanoutPayload {
  event: NotifiableEvent;
}
export interface DeliverPayload {
  notificationId: string;
  channel: Exclude<Channel, 'inapp'>;
}
export interface DigestPayload {
  user: string;
  key: string;
  /** Notifications created before this instant go in. */
  before: string;
}

export interface NotificationDeps {
  store: NotificationStore;
  people: People;
  queue: JobQueue;
  mailer: Mailer;
  sender: HttpSender;
  clock: Clock;
  ids: IdGenerator;
  /** The web UI's address as people reach it (links in emails and chat). */
  publicUrl: string;
}

const CHAT_TIMEOUT_MS = 10_000;

/**
 * Delivery of notifications through the durable job queue. An event becomes a fan-out job in the
 * relay's transaction (so it is never lost once its write committed); the fan-out stores one
 * notification per person and queues a delivery job per channel, in one transaction that also
 * completes the fan-out job. A delivery reads the log first and sends nothing already sent, so a
 * retried or re-leased job never sends twice; each attempt is logged.
 */
export class NotificationSender {
  constructor(private readonly deps: NotificationDeps) {}

  async fanOut(job: Job<FanoutPayload>): Promise<Notification[]> {
    const { store, people, clock, ids } = this.deps;
    const event = job.payload.event;
    const drafts = await recipientsOf(event, people);
    const items: NotificationToStore[] = [];
    for (const d of drafts) {
      const [own, groups, settings] = await Promise.all([
        store.choices(d.user),
        people.groupsOf(d.user).then((g) => store.groupDefaults(g)),
        store.settings(d.user),
      ]);
      const channels = channelsFor(d.kind, own, groups);
      if (channels.length === 0) continue;
      const notification: Notification = {
        id: ids.next('ntf'),
        eventId: event.id,
        ...d,
        channels,
        createdAt: clock.now().toISOString(),
        readAt: null,
      };
      const digest = channels.includes('email') && settings?.emailDigest === true;
      const sendOn = channels.filter((c): c is DeliverPayload['channel'] => c === 'chat' || (c === 'email' && !digest));
      items.push({
        notification,
        digestPending: digest,
        jobs: sendOn.map((channel) => ({
          kind: DELIVER_JOB,
          payload: { notificationId: notification.id, channel } satisfies DeliverPayload,
        })),
      });
    }
    return store.fanOut(items, job.id);
  }

  async deliver(job: Job<DeliverPayload>): Promise<NotificationDelivery | undefined> {
    const { store, queue } = this.deps;
    const { notificationId, channel } = job.payload;
    const n = await store.getNotification(notificationId);
    if (!n) {
      await queue.fail(job.id, `notification ${notificationId} does not exist`);
      return undefined;
    }
    const log = await store.deliveries({ notificationId });
    if (log.some((d) => d.channel === channel && d.status === 'sent')) {
      await queue.complete(job.id); // sent by an earlier run whose job was not completed
      return undefined;
    }
    return this.attempt(job, { notificationId, digestKey: null, user: n.user, channel }, () =>
      channel === 'email' ? this.sendEmail(n) : this.sendChat(n),
    );
  }

  async digest(job: Job<DigestPayload>): Promise<NotificationDelivery | undefined> {
    const { store, queue, people, mailer, publicUrl } = this.deps;
    const { user, key, before } = job.payload;
    const items = await store.digestItems(user, before);
    const sent = (await store.deliveries({ digestKey: key })).some((d) => d.status === 'sent');
    if (items.length === 0 || sent) {
      await store.clearDigest(sent ? items.map((n) => n.id) : []);
      await queue.complete(job.id);
      return undefined;
    }
    const delivery = await this.attempt(
      job,
      { notificationId: null, digestKey: key, user, channel: 'email' },
      async () => {
        const to = await people.email(user);
        if (!to) return { skipped: `${user} has no email address` };
        await mailer.send(digestMail(items, to, publicUrl, key, mailDomain(publicUrl)));
        return { target: to };
      },
    );
    if (delivery?.status === 'sent' || delivery?.status === 'skipped') await store.clearDigest(items.map((n) => n.id));
    return delivery;
  }

  private async sendEmail(n: Notification): Promise<SendResult> {
    const to = await this.deps.people.email(n.user);
    if (!to) return { skipped: `${n.user} has no email address` };
    if (!this.deps.mailer.describe) return { skipped: 'no SMTP server is configured' };
    await this.deps.mailer.send(notificationMail(n, to, this.deps.publicUrl, mailDomain(this.deps.publicUrl)));
    return { target: to };
  }

  private async sendChat(n: Notification): Promise<SendResult> {
    const settings = await this.deps.store.settings(n.user);
    if (!settings?.chatUrl || !settings.chatFormat) return { skipped: `${n.user} has no chat webhook` };
    const body = JSON.stringify(
      chatPayload(settings.chatFormat, {
        title: n.title,
        body: n.body,
        url: absoluteLink(this.deps.publicUrl, n.link),
      }),
    );
    const res = await this.deps.sender.post(
      settings.chatUrl,
      body,
      { 'content-type': 'application/json', 'user-agent': 'Cairn-Notifications/1' },
      CHAT_TIMEOUT_MS,
    );
    if (res.status < 200 || res.status >= 300) throw new Error(`the chat webhook answered ${res.status}`);
    return { target: chatTarget(settings.chatUrl) };
  }

  /** Runs one send, logs the attempt, then completes, retries (with backoff, for a day) or fails the job. */
  private async attempt(
    job: Job,
    what: Pick<NotificationDelivery, 'notificationId' | 'digestKey' | 'user' | 'channel'>,
    send: () => Promise<SendResult>,
  ): Promise<NotificationDelivery> {
    const { store, queue, clock, ids } = this.deps;
    const started = clock.now();
    let result: SendResult;
    try {
      result = await send();
    } catch (e) {
      result = { error: (e as Error).message };
    }
    const attempt = job.attempts + 1;
    const retryAt = 'error' in result ? nextAttemptAt(new Date(job.createdAt), attempt, clock.now()) : null;
    const delivery: NotificationDelivery = {
      id: ids.next('ndl'),
      ...what,
      target: 'target' in result ? result.target : '',
      attempt,
      status: 'target' in result ? 'sent' : 'skipped' in result ? 'skipped' : retryAt ? 'retrying' : 'failed',
      error: 'error' in result ? result.error : 'skipped' in result ? result.skipped : null,
      at: started.toISOString(),
      nextAttemptAt: retryAt?.toISOString() ?? null,
    };
    await store.insertDelivery(delivery);
    if (delivery.status === 'retrying') await queue.retry(job.id, retryAt!.toISOString(), delivery.error ?? 'failed');
    else if (delivery.status === 'failed') await queue.fail(job.id, delivery.error ?? 'failed');
    else await queue.complete(job.id);
    return delivery;
  }
}

type SendResult = { target: string } | { skipped: string } | { error: string };

/** A chat webhook's URL carries its secret in the path: the log keeps the origin only. */
export function chatTarget(url: string): string {
  try {
    return `${new URL(url).origin}/…`;
  } catch {
    return 'chat webhook';
  }
}
