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

/** Carol (CAB) is shown only the changes she may decide on, and approving says what is still missing. */
describe.runIf(browserEnabled)('Carol sees only what she may approve, and approves it', () => {
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
        await logIn(page, demo.url, 'carol');
        await page.getByRole('link', { name: 'My approvals' }).click();
        const table = page.getByRole('table', { name: 'Pending approvals' });
        await table.getByRole('link', { name: ref }).waitFor();
        // CHG-3 waits for the change managers only: not hers to decide, so not listed.
        expect(await table.getByRole('link', { name: 'CHG-3' }).count()).toBe(0);
        expect(await page.title()).toBe('My approvals · Cairn');
        await table.getByRole('link', { name: ref }).click();
        // No cancel for a CAB member on alice's change: only what the server allows is offered.
        await page.getByRole('button', { name: 'Approve' }).waitFor();
        expect(await page.getByRole('button', { name: 'Cancel change' }).count()).toBe(0);
        // The approver's buttons are in view without scrolling, at either width.
        expect(await page.getByRole('button', { name: 'Approve' }).isVisible()).toBe(true);
        const box = await page.getByRole('button', { name: 'Approve' }).boundingBox();
        expect(box!.y + box!.height).toBeLessThan(900);
        await page.getByRole('button', { name: 'Approve' }).click();
        await page.getByLabel('Comment').fill('Capacity plan checked.');
        await page.getByRole('button', { name: 'Confirm: approve' }).click();
        const notice = page.getByRole('status');
        await notice.getByText(`Your approval of ${ref} was recorded for cab.`).waitFor();
        expect(await notice.textContent()).toMatch(/Still missing: .*cab needs 1 more/);
        await saveScreenshot(page, `carol-approves-${width}`);
        expect(await seriousA11yViolations(page)).toEqual([]);
        // Decided: no longer on her list.
        await page.getByRole('link', { name: 'My approvals' }).click();
        await page.getByText('Nothing is waiting for you.').waitFor();
        expect(consoleErrors).toEqual([]);
      } finally {
        await demo.stop();
      }
    }, 120_000);
  }
});
