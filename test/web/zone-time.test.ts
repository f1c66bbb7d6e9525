import { describe, expect, it } from 'vitest';
import {
  instantToWall,
  isTimeZone,
  offsetAt,
  wallFields,
  wallToInstant,
} from '../../web/src/features/calendar/zone-time.js';

describe('wall-clock time in a chosen time zone', () => {
  it.each([
    // zone, wall-clock time there, the instant it names
    ['UTC', '2026-12-04T22:00', '2026-12-04T22:00:00.000Z'],
    ['Europe/Amsterdam', '2026-12-04T22:00', '2026-12-04T21:00:00.000Z'], // winter, +01:00
    ['Europe/Amsterdam', '2026-07-01T09:30', '2026-07-01T07:30:00.000Z'], // summer, +02:00
    ['America/New_York', '2026-12-31T23:15', '2027-01-01T04:15:00.000Z'], // a day and a year later in UTC
    ['Asia/Kolkata', '2026-03-01T00:00', '2026-02-28T18:30:00.000Z'], // a half-hour zone
    ['Pacific/Chatham', '2026-06-01T12:00', '2026-05-31T23:15:00.000Z'], // +12:45
  ])('in %s, %s is %s and back', (zone, wall, instant) => {
    expect(wallToInstant(wall, zone)).toBe(instant);
    expect(instantToWall(instant, zone)).toBe(wall);
  });

  it('moves a time that clocks skip on by the jump, and reads a repeated time once', () => {
    // Amsterdam skips 02:00–03:00 on 29 March 2026 and repeats 02:00–03:00 on 25 October 2026.
    expect(wallToInstant('2026-03-29T02:30', 'Europe/Amsterdam')).toBe('2026-03-29T01:30:00.000Z');
    expect(['2026-10-25T00:30:00.000Z', '2026-10-25T01:30:00.000Z']).toContain(
      wallToInstant('2026-10-25T02:30', 'Europe/Amsterdam'),
    );
  });

  it('gives a zone’s offset and wall fields at an instant, and knows zone names', () => {
    expect(offsetAt(Date.parse('2026-07-01T00:00:00Z'), 'Europe/Amsterdam')).toBe(120);
    expect(offsetAt(Date.parse('2026-07-01T00:00:00Z'), 'America/Los_Angeles')).toBe(-420);
    expect(wallFields(Date.parse('2026-12-04T21:00:00.250Z'), 'Europe/Amsterdam')).toEqual([
      2026, 11, 4, 22, 0, 0, 250,
    ]);
    expect(isTimeZone('Australia/Eucla')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(() => wallToInstant('4 December', 'UTC')).toThrow('is not a date and time');
  });
});
