import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
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
import { submitRiskyChange } from './workflow-steps.js';

/** Dave (CAB) rejects a change: the page asks for the reason before anything is sent. */
describe.runIf(browserEnabled)('Dave rejects with a required reason', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await openBrowser();
  }, 60_000);
  afterAll(async () => browser?.close());

  for (const width of WIDTHS) {
    it(`at ${width} px`, async () => {
      const demo = await startDemoProcess();
      try {
        const alice = await newPage(browser, { width });
        await logIn(alice.page, demo.url, 'alice');
        const ref = await submitRiskyChange(alice.page, 'Grow payments-db storage');

        const { page, consoleErrors } = await newPage(browser, { width });
        await logIn(page, demo.url, 'dave');
        await page.goto(`${demo.url}/changes/${ref}`);
        await page.getByRole('button', { name: 'Reject' }).click();
        await page.getByRole('button', { name: 'Confirm: reject' }).click();
        await page.getByText('Say why the change is rejected.').waitFor();
        expect(await page.getByRole('status').count()).toBe(0);
        await page.getByLabel('Reason').fill('Grow the volume after the sale, not during it.');
        await page.getByRole('button', { name: 'Confirm: reject' }).click();
        await page
          .getByRole('status')
          .getByText(`Your rejection of ${ref} was recorded for cab. ${ref} is now rejected.`)
          .waitFor();
        await page.getByText('Grow the volume after the sale, not during it.').first().waitFor();
        await saveScreenshot(page, `dave-rejects-${width}`);
        expect(await seriousA11yViolations(page)).toEqual([]);
        expect(consoleErrors).toEqual([]);
      } finally {
        await demo.stop();
      }
    }, 120_000);
  }
});
