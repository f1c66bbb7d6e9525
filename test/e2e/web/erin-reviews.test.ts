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

/** Erin reviews the demo's implemented scale-up (CHG-2): no outcome is assumed, and notes are required. */
describe.runIf(browserEnabled)('Erin reviews', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await openBrowser();
  }, 60_000);
  afterAll(async () => browser?.close());

  for (const width of WIDTHS) {
    it(`at ${width} px`, async () => {
      const demo = await startDemoProcess();
      try {
        const { page, consoleErrors } = await newPage(browser, { width });
        await logIn(page, demo.url, 'erin');
        await page.goto(`${demo.url}/changes/CHG-2`);
        await page.getByRole('button', { name: 'Review' }).click();
        expect(await page.getByLabel('Outcome').inputValue()).toBe('');
        await page.getByRole('button', { name: 'Confirm: review' }).click();
        await page.getByText('Choose how the change went.').waitFor();
        await page.getByLabel('Outcome').selectOption('successful_with_issues');
        await page.getByRole('button', { name: 'Confirm: review' }).click();
        await page.getByText('Write what was learned: the notes are required.').waitFor();
        await page.getByLabel('Notes').fill('Scaled fine; the HPA fought it for ten minutes.');
        await page.getByRole('button', { name: 'Confirm: review' }).click();
        await page.getByRole('status').getByText('CHG-2 is now reviewed.').waitFor();
        await page.getByRole('button', { name: 'Close' }).waitFor();
        await saveScreenshot(page, `erin-reviews-${width}`);
        expect(await seriousA11yViolations(page)).toEqual([]);
        expect(consoleErrors).toEqual([]);
      } finally {
        await demo.stop();
      }
    }, 120_000);
  }
});
