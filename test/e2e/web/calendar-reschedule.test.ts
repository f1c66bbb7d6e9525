import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { describeFlow, seriousA11yViolations } from '../../helpers/browser.js';

/*
 * Erin (change manager) moves the demo's CHG-5 — scheduled into the year-end freeze by an
 * override — out of the freeze by dragging it on the month view: the calendar says before saving
 * that the new window has no conflict, and after saving the change is scheduled there, without
 * the override. Then the week and timeline views, the zone shown, and the .ics feed.
 */
const DAY = 86_400_000;

interface Entry {
  kind: string;
  ref: string;
  start: string;
  end: string;
}

describeFlow(
  'Erin reschedules a change out of a freeze on the calendar',
  async (flow) => {
    const page = await flow.page('erin');
    const api = async <T>(path: string): Promise<T> =>
      (await page.request.get(`${flow.demo.url}${path}`)).json() as Promise<T>;
    const before = (await api<{ change: { window: { start: string } } }>('/api/v1/changes/CHG-5')).change;
    const from = new Date(Date.now() - 30 * DAY).toISOString();
    const to = new Date(Date.now() + 400 * DAY).toISOString();
    const freeze = (await api<Entry[]>(`/api/v1/calendar?from=${from}&to=${to}`)).find(
      (e) => e.kind === 'freeze' && e.start <= before.window.start && before.window.start < e.end,
    )!;
    expect(freeze, 'CHG-5 starts in a freeze').toBeDefined();
    // Two days before the freeze when that is still ahead, else the day after it ends.
    const earlier = Date.parse(freeze.start) - 2 * DAY;
    const target = new Date(earlier > Date.now() + DAY ? earlier : Date.parse(freeze.end) + DAY)
      .toISOString()
      .slice(0, 10);

    await page.getByRole('link', { name: 'Calendar', exact: true }).click();
    await page.getByRole('heading', { name: 'Change calendar' }).waitFor();
    // The calendar is loaded on first use: wait for it to draw this month's changes before paging.
    await page.locator('.fc-daygrid-event.cal-change').first().waitFor();
    await expect(page.locator('.cal-zone').textContent()).resolves.toBeTruthy();
    const event = page.locator('.fc-daygrid-event.cal-change', { hasText: 'More memory for the bastion host' });
    const cell = page.locator(`td.fc-daygrid-day[data-date="${target}"]`);
    for (let i = 0; i < 3 && !((await event.count()) > 0 && (await cell.count()) > 0); i++)
      await page.getByRole('button', { name: 'Next month' }).click();
    await expect(event.first().getAttribute('class')).resolves.toContain('cal-conflict');
    await flow.screenshot(page, 'calendar-month');
    // Defect 11 of issue 10: at 1 024 px the calendar overflowed the page.
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);

    await drag(page, event.first(), cell);
    await page.getByRole('heading', { name: 'Move CHG-5?' }).waitFor();
    await page.getByText('No conflicts in the new window.').waitFor();
    await page.getByText('Its approvals still suffice').waitFor();
    await flow.screenshot(page, 'calendar-reschedule-preview');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Save new window' }).click();
    await page.getByRole('status').filter({ hasText: 'CHG-5 moved to' }).waitFor();
    await expect(page.getByRole('status').textContent()).resolves.toContain('it is scheduled there');

    const after = (
      await api<{ change: { state: string; window: { start: string }; conflictOverride?: unknown } }>(
        '/api/v1/changes/CHG-5',
      )
    ).change;
    expect(after.state).toBe('scheduled');
    expect(after.window.start.slice(0, 10)).toBe(target);
    expect(after.window.start.slice(10)).toBe(before.window.start.slice(10));
    expect(after.conflictOverride).toBeUndefined();
    // The calendar reloads after the notice appears: wait for the moved change to lose its conflict mark.
    await expect
      .poll(
        () => page.locator('.fc-daygrid-event.cal-change', { hasText: 'More memory' }).first().getAttribute('class'),
        { timeout: 15_000 },
      )
      .not.toContain('cal-conflict');
    await flow.screenshot(page, 'calendar-rescheduled');

    await page.getByRole('button', { name: 'Week', exact: true }).click();
    await page.locator('.fc-timegrid').waitFor();
    await page.getByRole('button', { name: 'Timeline', exact: true }).click();
    await page.locator('.cal-timeline').waitFor();
    await page.locator('.tl-freeze').first().waitFor();
    await flow.screenshot(page, 'calendar-timeline');
    expect(await seriousA11yViolations(page)).toEqual([]);

    const ics = await page.request.get(
      `${flow.demo.url}${await page.getByRole('link', { name: 'Download .ics' }).getAttribute('href')}`,
    );
    expect(ics.headers()['content-type']).toContain('text/calendar');
    expect(await ics.text()).toContain('SUMMARY:CHG-5 More memory for the bastion host');
  },
  // A fresh demo for each width: the first run moves CHG-5 out of the freeze.
  { freshDemo: true },
);

/** Drags with the mouse in small steps, as FullCalendar's drag detection needs. */
async function drag(page: Page, from: ReturnType<Page['locator']>, to: ReturnType<Page['locator']>): Promise<void> {
  await to.scrollIntoViewIfNeeded();
  await from.scrollIntoViewIfNeeded();
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 5, a.y + a.height / 2 + 5, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 20 });
  await page.mouse.up();
}
