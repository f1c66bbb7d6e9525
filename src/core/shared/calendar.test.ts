import { describe, expect, it } from 'vitest';
import { hasRealCalendarFields, parseRealTime } from './calendar.js';

describe('calendar fields', () => {
  it.each([
    ['2026-02-28', true],
    ['2024-02-29', true],
    ['2026-02-29', false],
    ['2026-02-30', false],
    ['2026-04-31', false],
    ['2026-12-31T23:59:59Z', true],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-01-00', false],
    ['2026-01-01T24:00:00Z', false],
    ['2026-01-01T10:60Z', false],
    ['2026-03-01T00:30:00+02:00', true],
    ['r42', true],
  ])('%s exists: %s', (text, expected) => expect(hasRealCalendarFields(text)).toBe(expected));

  it('parses real times and gives NaN for rolled-over ones', () => {
    expect(parseRealTime('2026-03-02')).toBe(Date.parse('2026-03-02'));
    expect(parseRealTime('2026-02-30')).toBeNaN();
  });
});
