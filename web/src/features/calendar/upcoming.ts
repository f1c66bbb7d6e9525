import type { CalendarEntry } from '../../types.js';

/**
 * What a short "next days" list shows: every freeze and maintenance window (they are what a
 * requester must plan around, and there are few) and the earliest changes up to `max`, in time
 * order, and how many changes it left out — never a freeze dropped because changes filled the list.
 */
export function upcomingItems(
  entries: readonly CalendarEntry[],
  max: number,
): { shown: CalendarEntry[]; moreChanges: number } {
  const sorted = [...entries].sort((a, b) => a.start.localeCompare(b.start));
  const changes = sorted.filter((e) => e.kind === 'change');
  const kept = new Set(changes.slice(0, max));
  return {
    shown: sorted.filter((e) => e.kind !== 'change' || kept.has(e)),
    moreChanges: Math.max(0, changes.length - max),
  };
}
