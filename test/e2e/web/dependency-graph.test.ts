import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

/*
 * The dependency graph on a CI page renders a neighbourhood of a few hundred CIs: 220 applications
 * that depend on one hub are written through the API, then the hub's page draws all of them with
 * Cytoscape, impacted ones highlighted, and a click on a CI opens it.
 */
const APPS = 220;

describe.runIf(browserEnabled)('the dependency graph renders a neighbourhood of more than 200 CIs', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await openBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  for (const width of WIDTHS) {
    it(`draws the hub and its ${APPS} dependants (${width} px)`, async () => {
      const server = await startDemoProcess();
      try {
        const { page, consoleErrors } = await newPage(browser, { width });
        await logIn(page, server.url, 'admin');
        const csrf = (await page.context().cookies()).find((c) => c.name === 'cairn_csrf')?.value ?? '';
        const cis = [{ class: 'application', name: 'hub', attributes: {} }];
        const relations = [];
        for (let i = 0; i < APPS; i++) {
          cis.push({ class: 'application', name: `app-${i}`, attributes: {} });
          relations.push({ type: 'depends_on', from: `application/app-${i}`, to: 'application/hub' });
        }
        const applied = await page.request.post(`${server.url}/api/v1/apply`, {
          data: { cis, relations },
          headers: { 'x-csrf-token': csrf },
        });
        expect(applied.status(), await applied.text()).toBe(200);

        await page.goto(`${server.url}/cis/application/hub`);
        const graph = page.getByRole('img', { name: /Dependency graph of \d+ CIs around application\/hub/ });
        await graph.waitFor();
        await page.getByText(`${APPS + 1} CIs within 2 relationships of application/hub`).waitFor();
        await expect(graph.locator('canvas').count()).resolves.toBeGreaterThan(0);
        await graph.scrollIntoViewIfNeeded();
        await saveScreenshot(page, `graph-hub-${width}`);
        expect(await seriousA11yViolations(page)).toEqual([]);
        expect(consoleErrors).toEqual([]);
      } finally {
        await server.stop();
      }
    }, 120_000);
  }
});
