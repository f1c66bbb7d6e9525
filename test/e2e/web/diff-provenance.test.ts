import { expect } from 'vitest';
import { describeFlow, seriousA11yViolations } from '../../helpers/browser.js';

/*
 * Where each line of a diff came from: bob backs out the demo's scale-up (CHG-2); the revisions page
 * links the backout revision to CHG-2, and that revision's page shows its diff with each line
 * "rev N · backout of CHG-2". The diff since go-live credits the orders-db upgrade to CHG-1 and
 * links it; on CHG-1's page the dependency graph is read as of the revision just before it.
 */
describeFlow(
  'each diff line names the revision and change that made it; a backout is linked to its change',
  async (flow) => {
    const page = await flow.page('bob');
    const url = flow.demo.url;
    // The diff's extra column fits the window: the table scrolls inside its card, the page does not widen.
    const fits = () => page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth');
    await page.goto(`${url}/changes/CHG-2`);
    await page.getByRole('button', { name: 'Back out' }).click();
    await page.getByRole('button', { name: 'Confirm: back out' }).click();
    await page.getByRole('status').getByText(/CHG-2/).waitFor();

    await page.goto(`${url}/history`);
    const newest = page.getByRole('table', { name: 'Revisions' }).getByRole('row').nth(1);
    await newest.getByText('backout of').waitFor();
    await expect(newest.getByRole('link', { name: 'CHG-2' }).count()).resolves.toBe(1);
    const backoutRev = Number(await newest.getByRole('link').first().textContent());
    expect(backoutRev).toBeGreaterThan(2);
    await newest.getByRole('link', { name: String(backoutRev), exact: true }).click();
    await page.waitForURL(new RegExp(`/history/${backoutRev}$`));
    await page.getByRole('heading', { name: `Revision ${backoutRev}` }).waitFor();
    const undone = page
      .getByRole('table', { name: 'CIs diff' })
      .getByRole('row', { name: /k8s_deployment\/shop\/checkout\s+attributes\.replicas/ });
    await expect(undone.textContent()).resolves.toContain(`rev ${backoutRev} · backout of CHG-2`);
    await expect(undone.getByRole('link', { name: 'CHG-2' }).getAttribute('href')).resolves.toBe('/changes/CHG-2');
    await flow.screenshot(page, 'revision-backout');
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(await fits()).toBe(true);

    // Since go-live: the orders-db upgrade is CHG-1's; its revision and change are links.
    const chg1 = (await (await page.request.get(`${url}/api/v1/changes/CHG-1`)).json()) as {
      change: { implementedRevision: number };
    };
    const implemented = chg1.change.implementedRevision;
    await page.goto(`${url}/history/diff?from=go-live`);
    const upgraded = page
      .getByRole('table', { name: 'CIs diff' })
      .getByRole('row', { name: /database\/orders-db\s+attributes\.version\s+16\.3\s+16\.4/ });
    await expect(upgraded.textContent()).resolves.toContain(`rev ${implemented} · CHG-1`);
    await expect(upgraded.getByRole('link', { name: `rev ${implemented}` }).getAttribute('href')).resolves.toBe(
      `/history/${implemented}`,
    );
    // The scale-up and its backout cancel out: nothing of checkout's replicas is left to show.
    await expect(page.getByRole('row', { name: /shop\/checkout\s+attributes\.replicas/ }).count()).resolves.toBe(0);
    await flow.screenshot(page, 'diff-made-in');
    expect(await fits()).toBe(true);
    await upgraded.getByRole('link', { name: 'CHG-1' }).click();
    await page.waitForURL(/\/changes\/CHG-1$/);

    // The change page's graph, as of the revision just before the change.
    const card = page.locator('.graph-card');
    await card.getByText(/\d+ CIs within 2 relationships of database\/orders-db\./).waitFor();
    await card.getByLabel('As of').selectOption(String(implemented - 1));
    await page.waitForURL(new RegExp(`/changes/CHG-1\\?at=${implemented - 1}$`));
    await card.getByText(new RegExp(`within 2 relationships of database/orders-db as of ${implemented - 1}`)).waitFor();
    await card.scrollIntoViewIfNeeded();
    await flow.screenshot(page, 'change-graph-as-of');
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(await fits()).toBe(true);
  },
  // A fresh demo for each width: the first run backs CHG-2 out.
  { freshDemo: true },
);
