/**
 * Whether the calendar fields at the start of an ISO-8601 text exist: `2026-02-30` and
 * `2026-04-31T25:00Z` do not. JavaScript's Date.parse rolls such dates over (February 30 becomes
 * March 2), so a check of Date.parse alone accepts them. Text that does not start like a date is
 * left to the caller's own format check.
 */
export function hasRealCalendarFields(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(text.trim());
  if (!m) return true;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return false;
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59)) return false;
  return true;
}

/** Date.parse, but NaN for a date or time that does not exist (see hasRealCalendarFields). */
export function parseRealTime(text: string): number {
  return hasRealCalendarFields(text) ? Date.parse(text) : Number.NaN;
}
