import ical, { ICalEventStatus } from 'ical-generator';
import type { ChangeState } from '../lifecycle/change-lifecycle.js';
import type { CalendarEntry } from './calendar.js';

/** Options of {@link toICalendar}. */
export interface ICalendarOptions {
  /** DTSTAMP of every event: the service's clock, so that output is reproducible. */
  stamp: string;
  name?: string;
  /** Right-hand side of every UID; defaults to `cairn`. */
  domain?: string;
}

const TENTATIVE: readonly ChangeState[] = ['draft', 'submitted', 'authorized'];
const CANCELLED: readonly ChangeState[] = ['rejected', 'cancelled'];

/**
 * Writes calendar entries (from {@link listCalendar}) as an iCalendar document that Outlook,
 * Google Calendar and Thunderbird import. UIDs are stable (`chg-12@cairn`,
 * `freeze-year-end-20261220T000000Z@cairn`), so importing again updates events instead of
 * duplicating them.
 */
export function toICalendar(entries: readonly CalendarEntry[], options: ICalendarOptions): string {
  const domain = options.domain ?? 'cairn';
  const calendar = ical({
    name: options.name ?? 'Cairn change calendar',
    prodId: { company: 'Cairn', product: 'cairn', language: 'EN' },
  });
  for (const e of entries) {
    const description =
      e.conflicts && e.conflicts.length > 0
        ? `${e.description}\nconflicts:\n${e.conflicts.map((c) => `- ${c.message}`).join('\n')}`
        : e.description;
    calendar.createEvent({
      id: uidOf(e, domain),
      start: new Date(e.start),
      end: new Date(e.end),
      stamp: new Date(options.stamp),
      summary: e.title,
      description,
      status: statusOf(e),
      categories: [{ name: e.kind }],
    });
  }
  return calendar.toString();
}

function uidOf(e: CalendarEntry, domain: string): string {
  if (e.kind === 'change') return `${e.ref.toLowerCase()}@${domain}`;
  const slug = e.ref
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  const at = e.start.replace(/[-:]/g, '').replace(/\.\d+/, '');
  return `${e.kind}-${slug}-${at}@${domain}`;
}

function statusOf(e: CalendarEntry): ICalEventStatus {
  if (e.kind !== 'change' || e.state === undefined) return ICalEventStatus.CONFIRMED;
  if (TENTATIVE.includes(e.state)) return ICalEventStatus.TENTATIVE;
  if (CANCELLED.includes(e.state)) return ICalEventStatus.CANCELLED;
  return ICalEventStatus.CONFIRMED;
}
