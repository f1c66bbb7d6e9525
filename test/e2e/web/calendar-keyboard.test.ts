import { expect } from 'vitest';
import { describeFlow, seriousA11yViolations } from '../../helpers/browser.js';

/*
 * Erin works the calendar from the keyboard in a time zone of her choosing: she picks Asia/Tokyo
 * (remembered when the page is opened again), then moves the demo's CHG-5 — scheduled into the
 * year-end freeze by an override — with the "Move a change" form, typing the new window in Tokyo
 * time. A window that ends before it starts is refused on the spot; a good one is checked by the
 * server (no conflicts) before she saves it, and the change is then scheduled at that instant.
 */
const DAY = 86_400_000;

interface Entry {
  kind: string;
  start: string;
  end: string;
}

describeFlow(
  'Erin moves a change with the keyboard, in the time zone she chose',
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
    // Two days before the freeze when that is still ahead, else the day after it ends (a Tokyo date).
    const earlier = Date.parse(freeze.start) - 2 * DAY;
    const target = new Date(earlier > Date.now() + DAY ? earlier : Date.parse(freeze.end) + DAY)
      .toISOString()
      .slice(0, 10);

    await page.goto(`${flow.demo.url}/calendar`);
    await page.locator('.fc-daygrid-event.cal-change').first().waitFor();
    await page.getByLabel('Time zone').selectOption('Asia/Tokyo');
    await expect(page.locator('.cal-zone').textContent()).resolves.toBe('Asia/Tokyo');
    await page.reload();
    await page.locator('.fc-daygrid-event.cal-change').first().waitFor();
    await expect(page.locator('.cal-zone').textContent()).resolves.toBe('Asia/Tokyo');

    const form = page.locator('.move-form');
    const chg5 = await form.locator('option', { hasText: 'More memory for the bastion host' }).getAttribute('value');
    await form.getByLabel('Change').selectOption(chg5);
    // The form starts from the change's window, read in Tokyo time.
    const shown = await form.getByLabel('New start').inputValue();
    expect(new Date(`${shown}:00+09:00`).toISOString()).toBe(new Date(before.window.start).toISOString());
    await form.getByLabel('New start').fill(`${target}T10:00`);
    await form.getByLabel('New end').fill(`${target}T09:00`);
    await form.getByRole('button', { name: 'Check the new window' }).click();
    await form.getByRole('alert').filter({ hasText: 'The end must come after the start.' }).waitFor();
    await form.getByLabel('New end').fill(`${target}T11:30`);
    await form.getByRole('button', { name: 'Check the new window' }).click();

    await page.getByRole('heading', { name: 'Move CHG-5?' }).waitFor();
    await page.getByText('No conflicts in the new window.').waitFor();
    await expect(page.locator('.reschedule-what').textContent()).resolves.toMatch(/10:00 GMT\+9/);
    await flow.screenshot(page, 'calendar-keyboard-preview');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Save new window' }).click();
    await page.getByRole('status').filter({ hasText: 'CHG-5 moved to' }).waitFor();

    const after = (
      await api<{ change: { state: string; window: { start: string; end: string } } }>('/api/v1/changes/CHG-5')
    ).change;
    expect(after.state).toBe('scheduled');
    expect(after.window.start).toBe(new Date(`${target}T10:00:00+09:00`).toISOString());
    expect(after.window.end).toBe(new Date(`${target}T11:30:00+09:00`).toISOString());
  },
  { freshDemo: true },
);
