import { useState } from 'react';
import { isTimeZone } from './zone-time.js';

const KEY = 'cairn.calendar.zone';

/** The browser's own time zone, as its name ("Europe/Amsterdam"). */
export function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Every IANA zone this browser knows, UTC first. */
export function allZones(): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return ['UTC', ...known.filter((z) => z !== 'UTC')];
}

/**
 * The time zone the calendar shows, remembered in this browser: the one last chosen, else the
 * browser's own. A remembered name the browser no longer knows falls back to the browser's zone.
 */
export function useZoneChoice(): [string, (zone: string) => void] {
  const [zone, setZone] = useState(() => {
    const saved = localStorage.getItem(KEY);
    return saved && isTimeZone(saved) ? saved : browserZone();
  });
  const choose = (next: string) => {
    if (!isTimeZone(next)) return;
    localStorage.setItem(KEY, next);
    setZone(next);
  };
  return [zone, choose];
}
