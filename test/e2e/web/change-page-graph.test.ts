import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { describeFlow, seriousA11yViolations } from '../../helpers/browser.js';

/*
 * The change page draws the dependency graph of what the change touches: CHG-1 upgrades
 * orders-db, whose neighbourhood comes from the server in one request, the services that depend on
 * it marked impacted; the depth can be changed, the CIs are listed as links for the keyboard, and a
 * click on a CI in the drawing opens it. The same graph on a CI page follows "as of".
 */

/** Clicks a CI where Cytoscape drew it (its instance is registered on the canvas's container). */
async function clickNode(page: Page, ref: string): Promise<void> {
  const canvas = page.locator('.graph-canvas');
  const box = (await canvas.boundingBox())!;
  const at = await canvas.evaluate((el, id) => {
    type Cy = { $id(id: string): { renderedPosition(): { x: number; y: number } } };
    return (el as unknown as { _cyreg: { cy: Cy } })._cyreg.cy.$id(id).renderedPosition();
  }, ref);
  await page.mouse.click(box.x + at.x, box.y + at.y);
}

describeFlow('the change page shows the graph of what the change touches', async (flow) => {
  const page = await flow.page('alice');
  const graphRequests: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/neighbourhood') || r.url().includes('/relations')) graphRequests.push(r.url());
  });
  await page.goto(`${flow.demo.url}/changes/CHG-1`);
  const card = page.locator('.graph-card');
  await card.getByText(/\d+ CIs within 2 relationships of database\/orders-db/).waitFor();
  // One request for the whole graph, not one per CI.
  expect(graphRequests).toHaveLength(1);
  await card.getByText(/The \d+ CIs as a list/).click();
  const checkout = card.getByRole('listitem').filter({ hasText: 'service/checkout' });
  await expect(checkout.textContent()).resolves.toContain('impacted');
  await card.scrollIntoViewIfNeeded();
  await flow.screenshot(page, 'graph-change');
  expect(await seriousA11yViolations(page)).toEqual([]);

  await card.getByLabel('Depth').selectOption('1');
  await card.getByText(/\d+ CIs? within 1 relationship of database\/orders-db/).waitFor();
  await clickNode(page, 'service/cart');
  await page.waitForURL(/\/cis\/service\/cart$/);
  await page.getByRole('heading', { name: /^cart/ }).waitFor();

  // The graph on a CI page as of revision 2, the estate's first load.
  await page.goto(`${flow.demo.url}/cis/database/orders-db?at=2`);
  await page
    .locator('.graph-card')
    .getByText(/within 2 relationships of database\/orders-db as of 2/)
    .waitFor();
});
