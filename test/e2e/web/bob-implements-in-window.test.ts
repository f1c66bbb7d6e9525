import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { describeFlow, seriousA11yViolations } from '../../helpers/browser.js';

/** `2026-12-01T22:00` in the page's zone, as a datetime-local input takes it. */
async function localInput(page: Page, offsetMs: number): Promise<string> {
  return page.evaluate((ms) => {
    const d = new Date(Date.now() + ms);
    return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  }, offsetMs);
}

/**
 * The demo's CHG-4 (payments-db patch) is scheduled for an evening two days out: Bob is refused
 * before the window; Erin moves the window to now; Bob implements within it. A fresh demo for
 * each width: the first run implements CHG-4.
 */
describeFlow(
  'Bob is refused outside the window, then implements in it',
  async (flow) => {
    // The refusal is a 409 answer, which the browser logs.
    const bob = await flow.page('bob', { allowConsoleErrors: /409/ });
    await bob.goto(`${flow.demo.url}/changes/CHG-4`);
    await bob.getByRole('button', { name: 'Implement' }).click();
    await bob.getByRole('button', { name: 'Confirm: implement' }).click();
    const refusal = bob.getByRole('alert');
    await refusal.getByText(/Cannot implement CHG-4 now: its approved window is .* and it opens in/).waitFor();
    // Worded for the browser: no command-line options.
    expect(await refusal.textContent()).not.toMatch(/--|cairn /);
    // Bob may not override: no field for a reason is offered to him.
    expect(await bob.getByLabel('Why implement outside the approved window').count()).toBe(0);
    await flow.screenshot(bob, 'bob-refused-outside-window');

    // Erin, a change manager, moves the window so that it is open now.
    const erin = await flow.page('erin');
    await erin.goto(`${flow.demo.url}/changes/CHG-4`);
    await erin.getByRole('button', { name: 'Schedule' }).click();
    await erin.getByLabel('Window start').fill(await localInput(erin, -10 * 60_000));
    await erin.getByLabel('Window end').fill(await localInput(erin, 2 * 3_600_000));
    await erin.getByRole('button', { name: 'Confirm: schedule' }).click();
    await erin.getByRole('status').getByText('CHG-4 is now scheduled.').waitFor();

    await bob.reload();
    await bob.getByRole('button', { name: 'Implement' }).click();
    await bob.getByRole('button', { name: 'Confirm: implement' }).click();
    await bob.getByRole('status').getByText('CHG-4 is now implemented.').waitFor();
    await flow.screenshot(bob, 'bob-implements-in-window');
    expect(await seriousA11yViolations(bob)).toEqual([]);
  },
  { freshDemo: true },
);
