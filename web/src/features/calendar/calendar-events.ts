import type { EventInput } from '@fullcalendar/core';
import type { CalendarEntry } from '../../types.js';

/** The states whose window can still be moved (the server's rule: authorized or scheduled). */
export const MOVABLE_STATES: readonly string[] = ['authorized', 'scheduled'];

/**
 * Calendar entries as FullCalendar events: freeze and maintenance windows drawn twice — as a
 * shaded span behind the days they cover and as a labelled bar — and changes as events, marked
 * when they conflict and draggable when `canMove` says their window may be moved.
 */
export function toEvents(
  entries: readonly CalendarEntry[],
  canMove: boolean,
  proposed?: { ref: string; to: { start: string; end: string } },
): EventInput[] {
  return entries.flatMap((e): EventInput[] => {
    if (e.kind !== 'change') {
      const span = { start: e.start, end: e.end, classNames: [`cal-span-${e.kind}`], editable: false };
      return [
        { ...span, id: `${e.kind}:${e.ref}:${e.start}:bg`, display: 'background' },
        { ...span, id: `${e.kind}:${e.ref}:${e.start}`, title: e.title, extendedProps: { entry: e } },
      ];
    }
    const conflicted = (e.conflicts ?? []).length > 0;
    const movable = canMove && MOVABLE_STATES.includes(e.state ?? '');
    const moved = proposed?.ref === e.ref;
    return [
      {
        id: e.ref,
        title: moved ? `${e.title} (proposed)` : `${conflicted ? '⚠ ' : ''}${e.title}`,
        start: moved ? proposed.to.start : e.start,
        end: moved ? proposed.to.end : e.end,
        classNames: [
          'cal-change',
          `cal-state-${e.state ?? 'unknown'}`,
          ...(moved ? ['cal-proposed'] : conflicted ? ['cal-conflict'] : []),
        ],
        startEditable: movable,
        durationEditable: movable,
        extendedProps: { entry: e },
      },
    ];
  });
}

/** Formats an instant in the zone the calendar shows (an IANA name), with the zone's short name ("CET"). */
export function formatIn(zone: string, iso: string): string {
  return new Intl.DateTimeFormat(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: zone,
    timeZoneName: 'short',
  }).format(new Date(iso));
}
