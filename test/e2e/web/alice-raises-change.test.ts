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

/** Alice raises a change from a CI page, with its plan built in the form, and submits it. */
describe.runIf(browserEnabled)('Alice raises a change from a CI page, with a plan built in the form', () => {
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
        await logIn(page, demo.url, 'alice');
        await page.goto(`${demo.url}/cis/database/orders-db`);
        await page.getByRole('link', { name: 'Request change' }).click();
        await page.getByRole('heading', { name: 'Request a change' }).waitFor();
        expect(await page.getByLabel('CI (class/name)').inputValue()).toBe('database/orders-db');
        await page.getByLabel('Title').fill('Raise max_connections on orders-db');
        await page.getByLabel('Justification').fill('Connection pool exhausted during the sale.');
        await page.getByLabel('Attribute').fill('version');
        await page.getByLabel('New value').fill('16.5');
        // The plan is checked by the server as it is typed: before → after.
        const preview = page.getByRole('table', { name: 'Plan before and after' });
        await preview.getByRole('cell', { name: '16.5' }).waitFor();
        expect(await preview.getByRole('cell', { name: '16.4' }).count()).toBe(1);
        await page.getByText(/Impact: \d+ CIs affected/).waitFor();
        await saveScreenshot(page, `alice-change-form-${width}`);
        expect(await seriousA11yViolations(page)).toEqual([]);
        await page.getByRole('button', { name: 'Save as draft' }).click();
        await page.getByRole('heading', { name: /CHG-\d+ Raise max_connections on orders-db/ }).waitFor();
        expect(await page.title()).toMatch(/^CHG-\d+ Raise max_connections on orders-db · Cairn$/);
        await page.getByRole('button', { name: 'Submit for approval' }).click();
        await page.getByRole('button', { name: 'Confirm: submit for approval' }).click();
        await page
          .getByRole('status')
          .getByText(/CHG-\d+ is now submitted\./)
          .waitFor();
        await saveScreenshot(page, `alice-raises-change-${width}`);
        expect(consoleErrors).toEqual([]);
      } finally {
        await demo.stop();
      }
    }, 120_000);
  }
});
