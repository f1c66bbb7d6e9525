/**
 * What people are told about (issue 15). Releases do not exist in Cairn yet, so "a release waiting
 * for approval or promoted" is not among them.
 */
export const NOTIFICATION_KINDS = [
  'approval.requested',
  'change.approved',
  'change.rejected',
  'change.needs_information',
  'change.window_started',
  'change.failed',
  'drift.unauthorized',
  'freeze.started',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Where a notification goes: the bell in the web UI, an email, a chat message. */
export const CHANNELS = ['inapp', 'email', 'chat'] as const;
export type Channel = (typeof CHANNELS)[number];

/** The incoming-webhook formats a person's chat URL speaks. */
export const CHAT_FORMATS = ['slack', 'teams', 'mattermost'] as const;
export type ChatFormat = (typeof CHAT_FORMATS)[number];

/** The channels used when neither the person nor any of their groups chose: the bell and email. */
export const DEFAULT_CHANNELS: readonly Channel[] = ['inapp', 'email'];

/** One person told of one event. */
export interface Notification {
  id: string;
  /** The event it came from (`evt_…`, or the key of a time trigger): with `user`, unique. */
  eventId: string;
  user: string;
  kind: NotificationKind;
  title: string;
  body: string;
  /** The web UI path it is about (`/changes/CHG-4`), joined to the public URL in emails and chat. */
  link: string;
  /** The channels it was sent on, as resolved from preferences when it was created. */
  channels: Channel[];
  createdAt: string;
  readAt: string | null;
}

/** A notification before it is stored: who, what kind, and what it says. */
export type NotificationDraft = Pick<Notification, 'user' | 'kind' | 'title' | 'body' | 'link'>;

export type NotificationDeliveryStatus = 'sent' | 'retrying' | 'failed' | 'skipped';

/** One attempt to send a notification (or a digest) by email or chat. */
export interface NotificationDelivery {
  id: string;
  notificationId: string | null;
  /** `digest:<user>:<day>` for a daily digest. */
  digestKey: string | null;
  user: string;
  channel: Exclude<Channel, 'inapp'>;
  /** The address or URL it went to (a chat URL shown without its path, which is its secret). */
  target: string;
  attempt: number;
  status: NotificationDeliveryStatus;
  error: string | null;
  at: string;
  nextAttemptAt: string | null;
}

/** A person's settings beside their per-kind choices. */
export interface NotificationSettings {
  /** Emails gathered into one a day instead of one each. */
  emailDigest: boolean;
  chatUrl: string | null;
  chatFormat: ChatFormat | null;
}

/** A person's preferences as shown and edited: channels per kind (absent: the defaults apply), and settings. */
export interface NotificationPreferences extends NotificationSettings {
  user: string;
  /** Their own choices. */
  kinds: Partial<Record<NotificationKind, Channel[]>>;
  /** What applies to each kind: their choice, else their groups' defaults, else DEFAULT_CHANNELS. */
  effective: Record<NotificationKind, Channel[]>;
}
