import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  browserEnabled,
  logIn,
  newPage,
  openBrowser,
  saveScreenshot,
  seriousA11yViolations,
  startDemoProcess,
  WIDTHS,
} from '../../helpers/browser.js';

/** `2026-12-01T22:00` in the page's zone, as a datetime-local input takes it. */
async function localInput(page: Page, offsetMs: number): Promise<string> {
  return page.evaluate((ms) => {
    const d = new Date(Date.now() + ms);
    return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  }, offsetMs);
}

/**
 * The demo's CHG-4 (payments-db patch) is scheduled for an evening two days out: Bob is refused
 * before the window; Erin moves the window to now; Bob implements within it.
 */
describe.runIf(browserEnabled)('Bob is refused outside the window, then implements in it', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await openBrowser();
  }, 60_000);
  afterAll(async () => browser?.close());

  for (const width of WIDTHS) {
    it(`at ${width} px`, async () => {
      const demo = await startDemoProcess();
      try {
        const bob = await newPage(browser, { width });
        await logIn(bob.page, demo.url, 'bob');
        await bob.page.goto(`${demo.url}/changes/CHG-4`);
        await bob.page.getByRole('button', { name: 'Implement' }).click();
        await bob.page.getByRole('button', { name: 'Confirm: implement' }).click();
        const refusal = bob.page.getByRole('alert');
        await refusal.getByText(/Cannot implement CHG-4 now: its approved window is .* and it opens in/).waitFor();
        // Worded for the browser: no command-line options.
        expect(await refusal.textContent()).not.toMatch(/--|cairn /);
        // Bob may not override: no field for a reason is offered to him.
        expect(await bob.page.getByLabel('Why implement outside the approved window').count()).toBe(0);
        await saveScreenshot(bob.page, `bob-refused-outside-window-${width}`);

        // Erin, a change manager, moves the window so that it is open now.
        const erin = await newPage(browser, { width });
        await logIn(erin.page, demo.url, 'erin');
        await erin.page.goto(`${demo.url}/changes/CHG-4`);
        await erin.page.getByRole('button', { name: 'Schedule' }).click();
        await erin.page.getByLabel('Window start').fill(await localInput(erin.page, -10 * 60_000));
        await erin.page.getByLabel('Window end').fill(await localInput(erin.page, 2 * 3_600_000));
        await erin.page.getByRole('button', { name: 'Confirm: schedule' }).click();
        await erin.page.getByRole('status').getByText('CHG-4 is now scheduled.').waitFor();

        await bob.page.reload();
        await bob.page.getByRole('button', { name: 'Implement' }).click();
        await bob.page.getByRole('button', { name: 'Confirm: implement' }).click();
        await bob.page.getByRole('status').getByText('CHG-4 is now implemented.').waitFor();
        await saveScreenshot(bob.page, `bob-implements-in-window-${width}`);
        expect(await seriousA11yViolations(bob.page)).toEqual([]);
        expect([...bob.consoleErrors.filter((e) => !e.includes('409')), ...erin.consoleErrors]).toEqual([]);
      } finally {
        await demo.stop();
      }
    }, 120_000);
  }
});
