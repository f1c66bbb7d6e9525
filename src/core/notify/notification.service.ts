import type { HttpSender } from '../events/events.port.js';
import type { Clock } from '../shared/clock.js';
import { InputError, NotFoundError, type FieldError } from '../shared/errors.js';
import { chatPayload } from './chat-payload.js';
import { effectiveChannels } from './channel-choice.js';
import { absoluteLink, mailDomain, notificationMail } from './mail-message.js';
import type { ChannelChoices, Mailer, NotificationStore } from './notify.port.js';
import {
  CHANNELS,
  CHAT_FORMATS,
  NOTIFICATION_KINDS,
  type Channel,
  type ChatFormat,
  type Notification,
  type NotificationDelivery,
  type NotificationPreferences,
} from './notification.types.js';
import type { People } from './recipients.js';

/** A page of a person's notifications, with how many are unread in all. */
export interface NotificationPage {
  items: Notification[];
  unread: number;
  nextCursor: string | null;
}

/** What a person may change of their preferences; absent fields stay as they are. */
export interface PreferencesInput {
  /** Channels per kind; `null` for a kind goes back to the defaults. */
  kinds?: Record<string, string[] | null>;
  emailDigest?: boolean;
  chatUrl?: string | null;
  chatFormat?: string | null;
}

/** The outcome of `cairn notify test`. */
export interface TestResult {
  channel: 'email' | 'chat';
  user: string;
  sent: boolean;
  /** Where it went (an address, or a chat webhook's origin). */
  target: string;
  error?: string;
}

/**
 * What people do with their notifications: read the bell, mark read, choose channels per kind,
 * and send themselves a test; admins set defaults per group.
 */
export class NotificationService {
  constructor(
    private readonly deps: {
      store: NotificationStore;
      people: People;
      mailer: Mailer;
      sender: HttpSender;
      clock: Clock;
      publicUrl: string;
    },
  ) {}

  /** A person's notifications for the bell (those sent in-app), newest first. */
  async page(
    user: string,
    request: { limit?: number; cursor?: string; unreadOnly?: boolean },
  ): Promise<NotificationPage> {
    const limit = request.limit ?? 20;
    const list = await this.deps.store.listNotifications(user, {
      limit: limit + 1,
      unreadOnly: request.unreadOnly,
      beforeId: request.cursor,
    });
    const items = list.slice(0, limit);
    return {
      items,
      unread: await this.deps.store.countUnread(user),
      nextCursor: list.length > limit ? items[items.length - 1]!.id : null,
    };
  }

  unreadCount(user: string): Promise<number> {
    return this.deps.store.countUnread(user);
  }

  /** Marks one of the person's notifications read (or all of them, without an id). */
  async markRead(user: string, id?: string): Promise<number> {
    const n = await this.deps.store.markRead(user, this.deps.clock.now().toISOString(), id ? [id] : undefined);
    if (id && n === 0) {
      const found = await this.deps.store.getNotification(id);
      if (!found || found.user !== user)
        throw new NotFoundError('NOTIFICATION_NOT_FOUND', `notification ${id} does not exist or is not yours`);
    }
    return n;
  }

  /** The delivery log of one of the person's notifications. */
  async deliveries(user: string, id: string): Promise<NotificationDelivery[]> {
    const n = await this.deps.store.getNotification(id);
    if (!n || n.user !== user)
      throw new NotFoundError('NOTIFICATION_NOT_FOUND', `notification ${id} does not exist or is not yours`);
    return this.deps.store.deliveries({ notificationId: id });
  }

  async preferences(user: string): Promise<NotificationPreferences> {
    const { store, people } = this.deps;
    const [kinds, groups, settings] = await Promise.all([
      store.choices(user),
      people.groupsOf(user).then((g) => store.groupDefaults(g)),
      store.settings(user),
    ]);
    return {
      user,
      kinds,
      effective: effectiveChannels(kinds, groups),
      emailDigest: settings?.emailDigest ?? false,
      chatUrl: settings?.chatUrl ?? null,
      chatFormat: settings?.chatFormat ?? null,
    };
  }

  async setPreferences(user: string, input: PreferencesInput): Promise<NotificationPreferences> {
    const { store } = this.deps;
    const fields: FieldError[] = [];
    const current = await this.preferences(user);
    const kinds: ChannelChoices = { ...current.kinds };
    for (const [kind, channels] of Object.entries(input.kinds ?? {})) {
      if (!(NOTIFICATION_KINDS as readonly string[]).includes(kind)) {
        fields.push({
          path: `kinds.${kind}`,
          message: `is not a kind of notification (${NOTIFICATION_KINDS.join(', ')})`,
        });
        continue;
      }
      const k = kind as keyof ChannelChoices;
      if (channels === null) delete kinds[k];
      else kinds[k] = checkChannels(channels, `kinds.${kind}`, fields);
    }
    const chatUrl = input.chatUrl === undefined ? current.chatUrl : checkChatUrl(input.chatUrl, fields);
    const chatFormat = input.chatFormat === undefined ? current.chatFormat : checkChatFormat(input.chatFormat, fields);
    if (!fields.some((f) => f.path.startsWith('chat')) && (chatUrl === null) !== (chatFormat === null))
      fields.push({
        path: chatUrl === null ? 'chatUrl' : 'chatFormat',
        message: 'is needed with the other: a chat webhook has a URL and a format',
      });
    if (fields.length > 0)
      throw new InputError('NOTIFY_PREFERENCES_INVALID', 'the notification preferences were not saved', fields);
    await store.setChoices(user, kinds);
    await store.setSettings(user, { emailDigest: input.emailDigest ?? current.emailDigest, chatUrl, chatFormat });
    return this.preferences(user);
  }

  /** An admin's defaults for the members of a group, per kind. */
  groupDefaults(group: string): Promise<ChannelChoices> {
    return this.deps.store.groupDefaults([group]).then((d) => d[group] ?? {});
  }

  async setGroupDefaults(group: string, input: Record<string, string[] | null>): Promise<ChannelChoices> {
    const fields: FieldError[] = [];
    const choices: ChannelChoices = { ...(await this.groupDefaults(group)) };
    for (const [kind, channels] of Object.entries(input)) {
      if (!(NOTIFICATION_KINDS as readonly string[]).includes(kind)) {
        fields.push({ path: kind, message: `is not a kind of notification (${NOTIFICATION_KINDS.join(', ')})` });
        continue;
      }
      const k = kind as keyof ChannelChoices;
      if (channels === null) delete choices[k];
      else choices[k] = checkChannels(channels, kind, fields);
    }
    if (fields.length > 0)
      throw new InputError('NOTIFY_PREFERENCES_INVALID', `the defaults of group ${group} were not saved`, fields);
    await this.deps.store.setGroupDefaults(group, choices);
    return choices;
  }

  /** Sends a test message to `user` on one channel, now, and says whether it went. */
  async test(user: string, channel: 'email' | 'chat'): Promise<TestResult> {
    const { people, mailer, sender, clock, publicUrl, store } = this.deps;
    const n: Notification = {
      id: `ntf_test_${clock.now().getTime()}`,
      eventId: 'test',
      user,
      kind: 'approval.requested',
      title: 'A test notification from Cairn',
      body: `If you read this, Cairn can reach ${user} by ${channel}.`,
      link: '/',
      channels: [channel],
      createdAt: clock.now().toISOString(),
      readAt: null,
    };
    if (channel === 'email') {
      if (!mailer.describe)
        throw new InputError(
          'NOTIFY_NOT_CONFIGURED',
          'no SMTP server is configured: set CAIRN_SMTP_URL and CAIRN_MAIL_FROM',
        );
      const to = await people.email(user);
      if (!to)
        throw new InputError('NOTIFY_NOT_CONFIGURED', `${user} has no email address: add one to their user record`);
      const sent = await mailer.send(notificationMail(n, to, publicUrl, mailDomain(publicUrl))).then(
        () => undefined,
        (e: unknown) => (e as Error).message,
      );
      return { channel, user, target: to, sent: sent === undefined, ...(sent ? { error: sent } : {}) };
    }
    const settings = await store.settings(user);
    if (!settings?.chatUrl || !settings.chatFormat)
      throw new InputError(
        'NOTIFY_NOT_CONFIGURED',
        `${user} has no chat webhook: set one in the notification preferences`,
      );
    const body = JSON.stringify(
      chatPayload(settings.chatFormat, { title: n.title, body: n.body, url: absoluteLink(publicUrl, '/') }),
    );
    const target = new URL(settings.chatUrl).origin;
    const error = await sender.post(settings.chatUrl, body, { 'content-type': 'application/json' }, 10_000).then(
      (r) => (r.status >= 200 && r.status < 300 ? undefined : `the chat webhook answered ${r.status}`),
      (e: unknown) => (e as Error).message,
    );
    return { channel, user, target, sent: error === undefined, ...(error ? { error } : {}) };
  }
}

function checkChannels(list: readonly string[], path: string, fields: FieldError[]): Channel[] {
  const bad = list.filter((c) => !(CHANNELS as readonly string[]).includes(c));
  if (bad.length > 0) fields.push({ path, message: `names ${bad.join(', ')}: channels are ${CHANNELS.join(', ')}` });
  return CHANNELS.filter((c) => list.includes(c));
}

function checkChatUrl(url: string | null, fields: FieldError[]): string | null {
  if (url === null || url === '') return null;
  try {
    const u = new URL(url);
    if (u.protocol === 'https:' || u.protocol === 'http:') return u.toString();
  } catch {
    // reported below
  }
  fields.push({ path: 'chatUrl', message: 'must be the http(s) URL of an incoming webhook' });
  return null;
}

function checkChatFormat(format: string | null, fields: FieldError[]): ChatFormat | null {
  if (format === null || format === '') return null;
  if ((CHAT_FORMATS as readonly string[]).includes(format)) return format as ChatFormat;
  fields.push({ path: 'chatFormat', message: `must be one of ${CHAT_FORMATS.join(', ')}` });
  return null;
}
