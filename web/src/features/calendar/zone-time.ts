/**
 * Wall-clock time in any IANA time zone, with the browser's own Intl data: what an instant reads
 * as there, and which instant a wall-clock time there names. The calendar shows and edits times in
 * the zone a person chose, whatever zone the browser is in.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** True when the browser knows `zone` as a time zone name. */
export function isTimeZone(zone: string): boolean {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock fields of instant `ms` in `zone`: [year, month (0–11), day, hour, minute, second, ms]. */
export function wallFields(ms: number, zone: string): number[] {
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(new Date(ms)))
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return [
    parts.year!,
    parts.month! - 1,
    parts.day!,
    parts.hour!,
    parts.minute!,
    parts.second!,
    ((ms % 1000) + 1000) % 1000,
  ];
}

/** How many minutes `zone` is ahead of UTC at instant `ms`. */
export function offsetAt(ms: number, zone: string): number {
  const [y, mo, d, h, mi, s] = wallFields(ms, zone);
  return Math.round((Date.UTC(y!, mo, d, h, mi, s) - (ms - (((ms % 1000) + 1000) % 1000))) / 60_000);
}

/**
 * The offset (minutes ahead of UTC) in force at the wall-clock time `fields` in `zone`, found by
 * guessing with the offset at that time read as UTC and correcting once (as Luxon does). A time
 * that clocks skip when they go forward is moved on by the jump; a time that happens twice when
 * they go back is read with the offset found first.
 */
export function offsetForWall(fields: readonly number[], zone: string): number {
  const wall = Date.UTC(fields[0]!, fields[1] ?? 0, fields[2] ?? 1, fields[3] ?? 0, fields[4] ?? 0, fields[5] ?? 0);
  const o1 = offsetAt(wall, zone);
  let guess = wall - o1 * 60_000;
  const o2 = offsetAt(guess, zone);
  if (o1 === o2) return o1;
  guess -= (o2 - o1) * 60_000;
  const o3 = offsetAt(guess, zone);
  return o2 === o3 ? o2 : Math.min(o2, o3);
}

/** The instant (ISO, UTC) that the wall-clock time `local` (`YYYY-MM-DDTHH:mm`) names in `zone`. */
export function wallToInstant(local: string, zone: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) throw new Error(`"${local}" is not a date and time (YYYY-MM-DDTHH:mm)`);
  const fields = m.slice(1).map(Number);
  fields[1] = fields[1]! - 1;
  const asUtc = Date.UTC(fields[0]!, fields[1], fields[2], fields[3], fields[4]);
  return new Date(asUtc - offsetForWall(fields, zone) * 60_000).toISOString();
}

/** What instant `iso` reads as in `zone`, as `YYYY-MM-DDTHH:mm` (the value of a datetime-local input). */
export function instantToWall(iso: string, zone: string): string {
  const [y, mo, d, h, mi] = wallFields(Date.parse(iso), zone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${String(y).padStart(4, '0')}-${two(mo! + 1)}-${two(d!)}T${two(h!)}:${two(mi!)}`;
}
