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
  type DemoProcess,
} from '../../helpers/browser.js';

/**
 * The admin's flow: create an API token on the tokens page (its value shown once, and it works
 * against the API), then verify the audit chain on the audit page; and the read-only auditor
 * verifies too, without being offered the admin's pages.
 */
describe.runIf(browserEnabled)('web UI: admin creates a token and verifies the audit chain', () => {
  let demo: DemoProcess;
  let browser: Browser;
  beforeAll(async () => {
    [demo, browser] = await Promise.all([startDemoProcess(), openBrowser()]);
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });

  for (const width of WIDTHS) {
    it(`at ${width} px`, async () => {
      const { page, consoleErrors } = await newPage(browser, { width });
      await logIn(page, demo.url, 'admin');

      await page.getByRole('link', { name: 'API tokens' }).click();
      await page.getByRole('heading', { name: 'API tokens', level: 1 }).waitFor();
      const name = `pipeline-${width}`;
      await page.getByLabel('Name').fill(name);
      await page.getByLabel('Role').selectOption('implementer');
      await page.getByRole('button', { name: 'Create token' }).click();
      const value = (await page.getByLabel('New token value').textContent()) ?? '';
      expect(value).toMatch(/^cairn_/);
      await page.getByRole('button', { name: `Revoke ${name}` }).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
      await saveScreenshot(page, `admin-token-created-${width}`);

      // The value shown once is a working token with the role chosen.
      const session = await fetch(`${demo.url}/api/v1/session`, { headers: { authorization: `Bearer ${value}` } });
      expect(await session.json()).toMatchObject({ name: `token:${name}`, roles: ['implementer'] });
      // Shown once: after "Done" the page has it nowhere.
      await page.getByRole('button', { name: 'Done' }).click();
      expect(await page.content()).not.toContain(value);

      await page.getByRole('link', { name: 'Audit' }).click();
      await page.getByRole('button', { name: 'Verify the audit chain' }).click();
      await page.getByText('The audit chain verifies.').waitFor();
      expect(await page.getByRole('status').first().textContent()).toMatch(/\d+ revisions/);
      // Recorded: the list of verifications names who verified.
      await page
        .getByRole('table', { name: 'Recent verifications' })
        .getByRole('cell', { name: 'admin' })
        .first()
        .waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
      await saveScreenshot(page, `admin-audit-verified-${width}`);
      expect(consoleErrors).toEqual([]);
      await page.context().close();
    });
  }

  it('the auditor verifies the chain, reads the policy, and is offered no administration that writes', async () => {
    const { page, consoleErrors } = await newPage(browser, { width: WIDTHS[1] });
    await logIn(page, demo.url, 'grace');
    const nav = page.getByRole('navigation');
    for (const hidden of ['Users', 'API tokens', 'Webhooks'])
      expect(await nav.getByRole('link', { name: hidden }).count()).toBe(0);
    await nav.getByRole('link', { name: 'Policy' }).click();
    await page.getByLabel('The policy in force, as YAML').waitFor();
    expect(await page.getByRole('button', { name: 'Edit as YAML' }).count()).toBe(0);
    await nav.getByRole('link', { name: 'Audit' }).click();
    await page.getByRole('button', { name: 'Verify the audit chain' }).click();
    await page.getByText('The audit chain verifies.').waitFor();
    await page.goto(`${demo.url}/admin/tokens`);
    await page.getByText(/do not open this page/).waitFor();
    await saveScreenshot(page, 'auditor-no-tokens');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});
