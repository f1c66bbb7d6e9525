import { Type, type Static } from '@sinclair/typebox';
import { CHANNELS, CHAT_FORMATS, NOTIFICATION_KINDS } from '../core/notify/notification.types.js';

const Kind = Type.Union(
  NOTIFICATION_KINDS.map((k) => Type.Literal(k)),
  { description: 'What the notification is about' },
);
const Channel = Type.Union(CHANNELS.map((c) => Type.Literal(c)));
const ChannelList = Type.Array(Type.String({ maxLength: 20 }), { maxItems: 10, description: 'inapp, email, chat' });

export const NotificationView = Type.Object(
  {
    id: Type.String(),
    kind: Kind,
    title: Type.String(),
    body: Type.String(),
    link: Type.String({ description: 'The web UI page it is about, as a path (`/changes/CHG-4`)' }),
    channels: Type.Array(Channel),
    createdAt: Type.String(),
    readAt: Type.Union([Type.String(), Type.Null()]),
  },
  { title: 'Notification' },
);
export type NotificationView = Static<typeof NotificationView>;

export const NotificationPage = Type.Object(
  {
    items: Type.Array(NotificationView),
    unread: Type.Integer({ description: 'How many of the caller’s notifications are unread, in all' }),
    nextCursor: Type.Union([Type.String(), Type.Null()]),
  },
  { title: 'NotificationPage' },
);
export type NotificationPage = Static<typeof NotificationPage>;

export const NotificationQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  cursor: Type.Optional(Type.String({ description: 'The nextCursor of the previous page' })),
  unread: Type.Optional(Type.Boolean({ description: 'Only the unread ones' })),
});
export type NotificationQuery = Static<typeof NotificationQuery>;

export const NotificationParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });

export const MarkedRead = Type.Object({ marked: Type.Integer(), unread: Type.Integer() }, { title: 'MarkedRead' });
export type MarkedRead = Static<typeof MarkedRead>;

export const NotificationDeliveryView = Type.Object(
  {
    id: Type.String(),
    channel: Type.String(),
    target: Type.String(),
    attempt: Type.Integer(),
    status: Type.String({ description: 'sent, retrying, failed or skipped' }),
    error: Type.Union([Type.String(), Type.Null()]),
    at: Type.String(),
    nextAttemptAt: Type.Union([Type.String(), Type.Null()]),
  },
  { title: 'NotificationDelivery' },
);
export const NotificationDeliveries = Type.Object(
  { items: Type.Array(NotificationDeliveryView) },
  { title: 'NotificationDeliveries' },
);
export type NotificationDeliveries = Static<typeof NotificationDeliveries>;

const KindChannels = Type.Object(
  Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, Type.Optional(Type.Array(Channel))])),
  { additionalProperties: false },
);

export const NotificationPreferencesView = Type.Object(
  {
    user: Type.String(),
    kinds: KindChannels,
    effective: Type.Object(Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, Type.Array(Channel)]))),
    emailDigest: Type.Boolean(),
    chatUrl: Type.Union([Type.String(), Type.Null()]),
    chatFormat: Type.Union([Type.Union(CHAT_FORMATS.map((f) => Type.Literal(f))), Type.Null()]),
  },
  { title: 'NotificationPreferences' },
);
export type NotificationPreferencesView = Static<typeof NotificationPreferencesView>;

/**
 * Kinds to channels; `null` goes back to the defaults. Kinds and channels are checked by the core,
 * naming each field. Null comes first in each union: the server coerces types, and tried first an
 * array would take a null as `[""]`.
 */
const ChoicesBody = Type.Record(Type.String({ maxLength: 60 }), Type.Union([Type.Null(), ChannelList]), {
  maxProperties: 20,
});

export const PreferencesBody = Type.Object(
  {
    kinds: Type.Optional(ChoicesBody),
    emailDigest: Type.Optional(Type.Boolean()),
    chatUrl: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 2000 })])),
    chatFormat: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 20 })])),
  },
  { additionalProperties: false },
);
export type PreferencesBody = Static<typeof PreferencesBody>;

export const GroupDefaultsParams = Type.Object({ group: Type.String({ minLength: 1, maxLength: 100 }) });
export const GroupDefaultsView = Type.Object(
  { group: Type.String(), kinds: KindChannels },
  { title: 'NotificationGroupDefaults' },
);
export type GroupDefaultsView = Static<typeof GroupDefaultsView>;
export const GroupDefaultsBody = Type.Object({ kinds: ChoicesBody }, { additionalProperties: false });
export type GroupDefaultsBody = Static<typeof GroupDefaultsBody>;

export const NotifyTestBody = Type.Object(
  {
    channel: Type.Union([Type.Literal('email'), Type.Literal('chat')]),
    to: Type.Optional(
      Type.String({ minLength: 1, maxLength: 100, description: '`me` (the default) or a username (admins only)' }),
    ),
  },
  { additionalProperties: false },
);
export type NotifyTestBody = Static<typeof NotifyTestBody>;

export const NotifyTestResult = Type.Object(
  {
    channel: Type.String(),
    user: Type.String(),
    sent: Type.Boolean(),
    target: Type.String(),
    error: Type.Optional(Type.String()),
  },
  { title: 'NotifyTestResult' },
);
export type NotifyTestResult = Static<typeof NotifyTestResult>;
