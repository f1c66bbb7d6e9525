import type { OutboxEntry } from '../shared/outbox.js';
import type {
  Channel,
  Notification,
  NotificationDelivery,
  NotificationKind,
  NotificationSettings,
} from './notification.types.js';

/** A job to queue in the same transaction as what caused it. */
export interface QueuedJob {
  kind: string;
  payload: unknown;
}

/** A notification to store, with the delivery jobs to queue if (and only if) it is new. */
export interface NotificationToStore {
  notification: Notification;
  /** Held for the person's daily digest instead of an email now. */
  digestPending: boolean;
  jobs: QueuedJob[];
}

export type ChannelChoices = Partial<Record<NotificationKind, Channel[]>>;

/** Where notifications, their delivery log and people's preferences are kept (store/repositories/notify/). */
export interface NotificationStore {
  /**
   * In one transaction: stores each notification whose (event, person) is not stored yet, queues
   * its jobs, and completes the job that fanned them out. Returns the notifications stored.
   * Run again after a crash, it stores and queues nothing twice.
   */
  fanOut(items: readonly NotificationToStore[], completeJobId: string): Promise<Notification[]>;
  getNotification(id: string): Promise<Notification | undefined>;
  /** A person's notifications, newest first; `beforeId` pages back. */
  listNotifications(
    user: string,
    options: { unreadOnly?: boolean; limit: number; beforeId?: string },
  ): Promise<Notification[]>;
  countUnread(user: string): Promise<number>;
  /** Marks read those of `ids` (all of the person's unread ones when absent); returns how many. */
  markRead(user: string, at: string, ids?: readonly string[]): Promise<number>;

  /** People with emails held for their digest created before `before`. */
  usersWithDigest(before: string): Promise<string[]>;
  digestItems(user: string, before: string): Promise<Notification[]>;
  /** Marks these notifications as sent in a digest. */
  clearDigest(ids: readonly string[]): Promise<void>;

  insertDelivery(d: NotificationDelivery): Promise<void>;
  /** The delivery log of one notification (or digest key), oldest first. */
  deliveries(of: { notificationId?: string; digestKey?: string }): Promise<NotificationDelivery[]>;

  choices(user: string): Promise<ChannelChoices>;
  /** Replaces the person's choices with these. */
  setChoices(user: string, choices: ChannelChoices): Promise<void>;
  /** The defaults of these groups, per group. */
  groupDefaults(groups: readonly string[]): Promise<Record<string, ChannelChoices>>;
  setGroupDefaults(group: string, choices: ChannelChoices): Promise<void>;
  settings(user: string): Promise<NotificationSettings | undefined>;
  setSettings(user: string, settings: NotificationSettings): Promise<void>;

  /**
   * In one transaction: records the trigger `key` and, if it was not recorded before, appends the
   * events to the outbox and queues the jobs. Returns whether it was new.
   */
  trigger(
    key: string,
    at: string,
    effects: { events?: readonly OutboxEntry[]; jobs?: readonly QueuedJob[] },
  ): Promise<boolean>;
}

/** One email, in plain text and HTML. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Stable per notification, so a mail sent twice (a crash between sending and logging) reads as one. */
  messageId: string;
}

/** Sends email (the composition root implements it with nodemailer over SMTP). */
export interface Mailer {
  /** A sentence naming where mail goes, or undefined when no SMTP server is configured. */
  readonly describe: string | undefined;
  send(message: MailMessage): Promise<void>;
}
