import type { ChannelChoices } from './notify.port.js';
import {
  CHANNELS,
  DEFAULT_CHANNELS,
  NOTIFICATION_KINDS,
  type Channel,
  type NotificationKind,
} from './notification.types.js';

/**
 * The channels a person gets a kind of notification on: their own choice when they made one
 * (an empty list means "none"); else every channel any of their groups' defaults names for it;
 * else the bell and email.
 */
export function channelsFor(
  kind: NotificationKind,
  own: ChannelChoices,
  groupDefaults: Record<string, ChannelChoices>,
): Channel[] {
  const mine = own[kind];
  if (mine) return ordered(mine);
  const fromGroups = Object.values(groupDefaults).flatMap((d) => d[kind] ?? []);
  const anyGroupChose = Object.values(groupDefaults).some((d) => d[kind] !== undefined);
  return anyGroupChose ? ordered(fromGroups) : [...DEFAULT_CHANNELS];
}

/** What applies to every kind. */
export function effectiveChannels(
  own: ChannelChoices,
  groupDefaults: Record<string, ChannelChoices>,
): Record<NotificationKind, Channel[]> {
  return Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, channelsFor(k, own, groupDefaults)])) as Record<
    NotificationKind,
    Channel[]
  >;
}

function ordered(list: readonly Channel[]): Channel[] {
  return CHANNELS.filter((c) => list.includes(c));
}
