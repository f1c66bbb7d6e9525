import { describe, expect, it } from 'vitest';
import { upcomingItems } from '../../web/src/features/calendar/upcoming.js';

const change = (n: number) => ({
  kind: 'change',
  ref: `CHG-${n}`,
  title: `CHG-${n} something`,
  description: '',
  start: `2031-01-${String(n).padStart(2, '0')}T22:00:00.000Z`,
  end: `2031-01-${String(n).padStart(2, '0')}T23:00:00.000Z`,
});
const freeze = {
  kind: 'freeze',
  ref: 'late-january',
  title: 'Freeze: late-january',
  description: '',
  start: '2031-01-20T00:00:00.000Z',
  end: '2031-01-25T00:00:00.000Z',
};

// Defect 11 of issue 10: the dashboard's "Next 30 days" dropped the freeze when more than 6 items existed.
describe('the next days of the dashboard', () => {
  it('keeps every freeze window however many changes come first, and counts the changes left out', () => {
    const entries = [freeze, ...[1, 2, 3, 4, 5, 6, 7, 8].map(change)];
    const { shown, moreChanges } = upcomingItems(entries, 6);
    expect(shown.map((e) => e.ref)).toEqual(['CHG-1', 'CHG-2', 'CHG-3', 'CHG-4', 'CHG-5', 'CHG-6', 'late-january']);
    expect(moreChanges).toBe(2);
  });

  it('lists everything in time order when it fits', () => {
    const { shown, moreChanges } = upcomingItems([change(22), freeze, change(3)], 6);
    expect(shown.map((e) => e.ref)).toEqual(['CHG-3', 'late-january', 'CHG-22']);
    expect(moreChanges).toBe(0);
  });
});
