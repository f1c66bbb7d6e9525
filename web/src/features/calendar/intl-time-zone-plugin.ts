import { createPlugin } from '@fullcalendar/core';
import { NamedTimeZoneImpl } from '@fullcalendar/core/internal';
import { offsetForWall, wallFields } from './zone-time.js';

/**
 * FullCalendar shows named time zones (`Europe/Amsterdam`) only through a plugin; this one uses the
 * browser's own Intl time-zone data instead of a date library, so any IANA zone can be chosen.
 */
class IntlTimeZone extends NamedTimeZoneImpl {
  offsetForArray(a: number[]): number {
    return offsetForWall(a, this.timeZoneName);
  }

  timestampToArray(ms: number): number[] {
    return wallFields(ms, this.timeZoneName);
  }
}

export const intlTimeZonePlugin = createPlugin({ name: 'cairn-intl-time-zone', namedTimeZonedImpl: IntlTimeZone });
