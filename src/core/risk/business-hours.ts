import { overlaps, type Interval } from '../schedule/time.js';
import type { BusinessHours } from './risk.types.js';

const DAY = 86_400_000;
// A window longer than this surely meets a working day; stop walking days one by one.
const MAX_DAYS = 370;

/** Minutes since midnight of an `HH:MM` time; undefined when malformed. */
export function parseClock(text: string): number | undefined {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  if (!m) return text === '24:00' ? 1440 : undefined;
  return Number(m[1]) * 60 + Number(m[2]);
}

/**
 * True when the interval (UTC ms) shares any instant with the working hours. Days are walked in
 * the business's local time (UTC shifted by `utcOffsetMinutes`), so that Monday 08:00 means
 * Monday 08:00 where the business is.
 */
export function overlapsBusinessHours(window: Interval, hours: BusinessHours): boolean {
  const open = parseClock(hours.start);
  const close = parseClock(hours.end);
  if (open === undefined || close === undefined || close <= open || hours.days.length === 0) return false;
  const shift = hours.utcOffsetMinutes * 60_000;
  const local = { start: window.start + shift, end: window.end + shift };
  const first = Math.floor(local.start / DAY);
  const last = Math.floor((local.end - 1) / DAY);
  for (let day = first; day <= last && day - first < MAX_DAYS; day++) {
    const weekday = new Date(day * DAY).getUTCDay() || 7;
    if (!hours.days.includes(weekday)) continue;
    const working = { start: day * DAY + open * 60_000, end: day * DAY + close * 60_000 };
    if (overlaps(local, working)) return true;
  }
  return false;
}
