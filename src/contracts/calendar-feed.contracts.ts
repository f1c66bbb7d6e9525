import { Type, type Static } from '@sinclair/typebox';

/** Whether the signed-in user has a calendar feed (never its secret, shown only once). */
export const CalendarFeedStatusView = Type.Object(
  {
    active: Type.Boolean(),
    createdAt: Type.Union([Type.String(), Type.Null()], { description: 'when the current secret was made' }),
  },
  { title: 'CalendarFeedStatus' },
);
export type CalendarFeedStatusView = Static<typeof CalendarFeedStatusView>;

/** A new feed secret: shown this once; the previous one stopped working. */
export const CalendarFeedCreated = Type.Object(
  {
    secret: Type.String(),
    path: Type.String({ description: 'the feed address on this server: /api/v1/calendar/feeds/{secret}' }),
    createdAt: Type.String(),
  },
  { title: 'CalendarFeedCreated' },
);
export type CalendarFeedCreated = Static<typeof CalendarFeedCreated>;

export const CalendarFeedParams = Type.Object({ secret: Type.String({ maxLength: 200 }) });

/** Where a feed secret is read: the secret is the whole credential. */
export function calendarFeedPath(secret: string): string {
  return `/api/v1/calendar/feeds/${secret}`;
}
