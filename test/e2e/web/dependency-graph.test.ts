import { join } from 'node:path';
import { expect } from 'vitest';
import { describeFlow, seriousA11yViolations } from '../../helpers/browser.js';
import { repoRoot } from '../../helpers/samples.js';

/*
 * The dependency graph on a CI page renders a neighbourhood of a few hundred CIs: 220 applications
 * that depend on one hub are written through the API, then the hub's page draws all of them with
 * Cytoscape, impacted ones highlighted, and a click on a CI opens it.
 */
const APPS = 220;

describeFlow('the dependency graph renders a neighbourhood of more than 200 CIs', async (flow) => {
  const page = await flow.page('admin');
  const csrf = (await page.context().cookies()).find((c) => c.name === 'cairn_csrf')?.value ?? '';
  const cis = [{ class: 'application', name: 'hub', attributes: {} }];
  const relations = [];
  for (let i = 0; i < APPS; i++) {
    cis.push({ class: 'application', name: `app-${i}`, attributes: {} });
    relations.push({ type: 'depends_on', from: `application/app-${i}`, to: 'application/hub' });
  }
  const applied = await page.request.post(`${flow.demo.url}/api/v1/apply`, {
    data: { cis, relations },
    headers: { 'x-csrf-token': csrf },
  });
  // One demo serves both widths: the second run applies the same document, which changes nothing.
  expect(applied.status(), await applied.text()).toBe(200);

  await page.goto(`${flow.demo.url}/cis/application/hub`);
  const graph = page.getByRole('img', { name: /Dependency graph of \d+ CIs around application\/hub/ });
  await graph.waitFor();
  await page.getByText(`${APPS + 1} CIs within 2 relationships of application/hub`).waitFor();
  await expect(graph.locator('canvas').count()).resolves.toBeGreaterThan(0);
  await graph.scrollIntoViewIfNeeded();
  await flow.screenshot(page, 'graph-hub');
  // The page holds the hub's 220 relationships too: the drawing is looked at on its own.
  await page
    .locator('.graph-card')
    .screenshot({ path: join(repoRoot, 'test-results', 'screenshots', `graph-hub-card-${flow.width}.png`) });
  expect(await seriousA11yViolations(page)).toEqual([]);
});
