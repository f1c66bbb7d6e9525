import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { describeFlow, seriousA11yViolations } from '../../helpers/browser.js';

/*
 * Erin (change manager) authorizes the demo's CHG-3 and moves its window from the change form,
 * not the calendar: the page offers Reschedule to her alone (alice, its requester, may replan it
 * but not move it; carol, a CAB member, neither). A window in the year-end freeze shows its
 * conflict before anything is saved; a clear one says the approvals still suffice, and saving
 * schedules the change there, by the same service the calendar's drag uses.
 */
const DAY = 86_400_000;

interface Entry {
  kind: string;
  start: string;
  end: string;
}

/** An instant as the `datetime-local` value the page's inputs hold (the browser's zone). */
function localValue(page: Page, iso: string): Promise<string> {
  return page.evaluate((at) => {
    const d = new Date(at);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  }, iso);
}

describeFlow(
  'Erin reschedules an authorized change from its form, with the conflicts and the approvals rule shown first',
  async (flow) => {
    const erin = await flow.page('erin');
    const api = async <T>(path: string): Promise<T> =>
      (await erin.request.get(`${flow.demo.url}${path}`)).json() as Promise<T>;

    // Erin approves CHG-3: it is authorized, with a window.
    await erin.goto(`${flow.demo.url}/changes/CHG-3`);
    await erin.getByRole('button', { name: 'Approve' }).click();
    await erin.getByRole('button', { name: 'Confirm: approve' }).click();
    await erin.locator('.header-badges', { hasText: 'Authorized' }).waitFor();
    const header = erin.locator('.page-header');
    await header.getByRole('link', { name: 'Replan' }).waitFor();
    expect(await header.getByRole('link', { name: 'Edit draft' }).count()).toBe(0);

    // The others are offered only what the server would let them do.
    const alice = await flow.page('alice');
    await alice.goto(`${flow.demo.url}/changes/CHG-3`);
    await alice.locator('.header-badges', { hasText: 'Authorized' }).waitFor();
    await alice.locator('.page-header').getByRole('link', { name: 'Replan' }).waitFor();
    expect(await alice.getByRole('link', { name: 'Reschedule' }).count()).toBe(0);
    const carol = await flow.page('carol');
    await carol.goto(`${flow.demo.url}/changes/CHG-3`);
    await carol.locator('.header-badges', { hasText: 'Authorized' }).waitFor();
    expect(
      await carol
        .locator('.page-header')
        .getByRole('link', { name: /^(Edit draft|Replan|Reschedule)$/ })
        .count(),
    ).toBe(0);
    // Carol opening the form's address is told so; nothing to fill in.
    await carol.goto(`${flow.demo.url}/changes/CHG-3/edit?what=window`);
    await carol.getByText('carol may not change CHG-3 while it is authorized.').waitFor();
    expect(await carol.getByRole('button', { name: 'Save new window' }).count()).toBe(0);

    const before = (await api<{ change: { window: { start: string; end: string } } }>('/api/v1/changes/CHG-3')).change
      .window;
    const from = new Date(Date.now() - 30 * DAY).toISOString();
    const to = new Date(Date.now() + 400 * DAY).toISOString();
    const freeze = (await api<Entry[]>(`/api/v1/calendar?from=${from}&to=${to}`)).find(
      (e) => e.kind === 'freeze' && e.end > before.start,
    )!;
    expect(freeze, 'a freeze after the change').toBeDefined();
    const length = Date.parse(before.end) - Date.parse(before.start);
    const inFreeze = Date.parse(freeze.start) + DAY;
    // A day later when that still ends before the freeze, else the day after the freeze ends.
    const later = Date.parse(before.start) + DAY;
    const clear = later + length < Date.parse(freeze.start) ? later : Date.parse(freeze.end) + DAY;

    await header.getByRole('link', { name: 'Reschedule' }).click();
    await erin.getByRole('heading', { name: 'Reschedule CHG-3', level: 1 }).waitFor();
    // Replan and reschedule are both hers: the page switches between them.
    await erin.getByRole('navigation', { name: 'What to change' }).getByRole('link', { name: /plan/ }).waitFor();
    const start = erin.getByLabel(/^New start/);
    const end = erin.getByLabel(/^New end/);
    expect(await start.inputValue()).toBe(await localValue(erin, before.start));

    // Into the freeze: the conflict is said before anything is saved, and saving needs a reason.
    await start.fill(await localValue(erin, new Date(inFreeze).toISOString()));
    await end.fill(await localValue(erin, new Date(inFreeze + length).toISOString()));
    await erin
      .getByRole('alert')
      .getByText(/overlaps freeze/)
      .waitFor();
    await erin.getByText('Only a change manager can accept them, with a reason.').waitFor();
    await flow.screenshot(erin, 'change-form-reschedule-conflict');
    expect(await seriousA11yViolations(erin)).toEqual([]);
    await erin.getByRole('button', { name: 'Save new window' }).click();
    await erin.getByText('Say why the conflicts are accepted, or pick another window.').waitFor();

    // A clear window: no conflict, and the approvals given still suffice at its risk.
    await start.fill(await localValue(erin, new Date(clear).toISOString()));
    await end.fill(await localValue(erin, new Date(clear + length).toISOString()));
    await erin.getByText('No conflicts in the new window.').waitFor();
    await erin.getByText('Its approvals still suffice: it will be scheduled in the new window.').waitFor();
    await erin.getByLabel('Comment').fill('The runner team asked for one more day.');
    await flow.screenshot(erin, 'change-form-reschedule-clear');
    expect(await seriousA11yViolations(erin)).toEqual([]);
    // The page fits the window at both widths.
    expect(await erin.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    await erin.getByRole('button', { name: 'Save new window' }).click();
    await erin
      .getByRole('status')
      .getByText(/^CHG-3 moved to .+; it is scheduled there\.$/)
      .waitFor();
    await flow.screenshot(erin, 'change-form-rescheduled');

    const after = (
      await api<{ change: { state: string; window: { start: string }; history: { comment?: string }[] } }>(
        '/api/v1/changes/CHG-3',
      )
    ).change;
    expect(after.state).toBe('scheduled');
    expect(Date.parse(after.window.start)).toBe(clear);
    expect(after.history.at(-1)?.comment).toContain('The runner team asked for one more day.');
    await erin.getByRole('link', { name: 'Open CHG-3' }).click();
    await erin.locator('.header-badges', { hasText: 'Scheduled' }).waitFor();
  },
  // A fresh demo for each width: the first run authorizes and moves CHG-3.
  { freshDemo: true },
);
