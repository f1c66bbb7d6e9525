/** The change calendar: windows, conflicts, listings and iCalendar output. */
export { listCalendar, type CalendarEntry, type CalendarInput } from './calendar.js';
export {
  detectConflicts,
  freezeApplies,
  keysSetByPlan,
  type CalendarChange,
  type Conflict,
  type ConflictContext,
  type ConflictKind,
} from './conflicts.js';
export { toICalendar, type ICalendarOptions } from './ical.js';
export { contains, describeInterval, overlaps, parseDuration, parseInstant, toIso, type Interval } from './time.js';
export {
  MAX_OCCURRENCES,
  expandOccurrences,
  windowLength,
  type FreezeWindow,
  type MaintenanceWindow,
  type RecurringWindow,
  type WindowOccurrence,
  type WindowScope,
} from './windows.js';
