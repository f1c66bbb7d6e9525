import { parseDuration, parseInstant, type Interval } from './time.js';
import { ruleInstants } from './recurrence.js';

/**
 * A window in the calendar: once (`start` + `end` or `duration`), or recurring when `rrule` is set
 * (RFC 5545 RRULE, e.g. `FREQ=WEEKLY;BYDAY=SA`), each occurrence starting at the rule's instants
 * (time of day from `start`, in UTC) and lasting `duration` (or `end - start`).
 */
export interface RecurringWindow {
  name: string;
  start: string;
  end?: string;
  /** ISO-8601 duration: `PT4H`, `P1D`, `P2DT12H`. */
  duration?: string;
  rrule?: string;
  description?: string;
}

/** Which changes a freeze applies to; an absent or empty scope freezes everything. */
export interface WindowScope {
  /** Business services (`business_service/shop` or just `shop`) whose changes are frozen. */
  services?: string[];
  environments?: string[];
}

/** A freeze (blackout) window: no change may be implemented in it, within its scope. */
export interface FreezeWindow extends RecurringWindow {
  scope?: WindowScope;
}

/** A maintenance window: changes to the listed CIs or services should fall inside one of them. */
export interface MaintenanceWindow extends RecurringWindow {
  /** `class/name` of CIs it applies to. */
  cis?: string[];
  /** Business services it applies to (`business_service/shop` or `shop`). */
  services?: string[];
}

/** One occurrence of a window, in UTC milliseconds. */
export interface WindowOccurrence extends Interval {
  name: string;
}

/** Occurrences returned at most per window and range. */
export const MAX_OCCURRENCES = 5000;
/** How far past the start of a range occurrences are listed (a horizon): 400 days. */
export const MAX_SPAN_MS = 400 * 86_400_000;

/** Length of each occurrence in ms; undefined when neither a valid end nor duration is given. */
export function windowLength(w: RecurringWindow): number | undefined {
  if (w.duration !== undefined) return parseDuration(w.duration);
  const start = parseInstant(w.start);
  const end = parseInstant(w.end);
  if (start === undefined || end === undefined || end <= start) return undefined;
  return end - start;
}

/**
 * The occurrences of `w` that share an instant with `range`, earliest first. A malformed window
 * (the policy validator refuses those) has none.
 */
export function expandOccurrences(w: RecurringWindow, range: Interval): WindowOccurrence[] {
  const start = parseInstant(w.start);
  const length = windowLength(w);
  if (start === undefined || length === undefined) return [];
  if (w.rrule === undefined) {
    const once = { name: w.name, start, end: start + length };
    return once.start < range.end && range.start < once.end ? [once] : [];
  }
  // An occurrence that began up to `length` before the range may still reach into it.
  const after = Math.max(start, range.start - length);
  const before = Math.min(range.end, range.start + MAX_SPAN_MS);
  return ruleInstants(w.rrule, start, after, before, MAX_OCCURRENCES)
    .map((d) => ({ name: w.name, start: d.getTime(), end: d.getTime() + length }))
    .filter((o) => o.start < before && range.start < o.end);
}
