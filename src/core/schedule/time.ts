import { parseRealTime } from '../shared/calendar.js';

/**
 * Time helpers shared by the change, policy and schedule modules. Everything is UTC milliseconds:
 * windows are compared as half-open intervals [start, end).
 */

// An offset or `Z` is required: a local time would mean different instants on different machines.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/i;

/** Parses an ISO-8601 instant with a `Z` or an offset (or a Date); undefined when it is not one. */
export function parseInstant(value: unknown): number | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.getTime();
  if (typeof value !== 'string' || !INSTANT.test(value)) return undefined;
  const ms = parseRealTime(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** ISO-8601 UTC with milliseconds, the one form Cairn stores and prints. */
export function toIso(ms: number): string {
  return new Date(ms).toISOString();
}

const DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/**
 * Parses an ISO-8601 duration of weeks, days, hours, minutes and seconds (`P1D`, `PT8H30M`) into
 * milliseconds. Months and years are refused: their length depends on the date.
 */
export function parseDuration(text: string): number | undefined {
  const m = DURATION.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) return undefined;
  const [w, d, h, min, s] = m.slice(1).map((x) => (x === undefined ? 0 : Number(x)));
  const ms = ((((w ?? 0) * 7 + (d ?? 0)) * 24 + (h ?? 0)) * 60 + (min ?? 0)) * 60_000 + (s ?? 0) * 1000;
  return ms > 0 ? ms : undefined;
}

/** A half-open interval in UTC milliseconds. */
export interface Interval {
  start: number;
  end: number;
}

/** True when the two half-open intervals share at least one instant. */
export function overlaps(a: Interval, b: Interval): boolean {
  return a.start < b.end && b.start < a.end;
}

/** True when `inner` lies entirely within `outer`. */
export function contains(outer: Interval, inner: Interval): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/** `2026-12-01 22:00–23:00 UTC`, or with both dates when the interval spans days: for sentences. */
export function describeInterval(i: Interval): string {
  const s = toIso(i.start);
  const e = toIso(i.end);
  const day = (iso: string): string => iso.slice(0, 10);
  const hm = (iso: string): string => iso.slice(11, 16);
  if (day(s) === day(e)) return `${day(s)} ${hm(s)}–${hm(e)} UTC`;
  return `${day(s)} ${hm(s)} – ${day(e)} ${hm(e)} UTC`;
}
