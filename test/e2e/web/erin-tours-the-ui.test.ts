import { expect } from 'vitest';
import { describeFlow, logIn } from '../../helpers/browser.js';

/**
 * The web UI end to end: `cairn serve --demo` as a process (`npm test` builds the server and the
 * UI first), driven by headless Chromium the way a change manager would use it. A fresh demo for
 * each width: the tour approves CHG-3.
 */

/** Each page with what shows it loaded its data; the filters list the server's vocabulary. */
const PAGES = [
  { path: '/', heading: 'Good to see you, erin', shows: 'Open changes' },
  { path: '/cis', heading: 'Configuration items', shows: 'orders-db' },
  { path: '/changes', heading: 'Changes', shows: 'CHG-3' },
  { path: '/changes/CHG-3', heading: /Decommission the CI runner VM/, shows: 'Runner builds moved; OK to remove.' },
  { path: '/approvals', heading: 'My approvals', shows: 'Changes waiting for a decision erin may give.' },
  { path: '/calendar', heading: 'Change calendar', shows: undefined },
  { path: '/drift', heading: 'Drift', shows: undefined },
  { path: '/history', heading: 'Revisions', shows: 'What changed' },
  { path: '/baselines', heading: 'Baselines', shows: 'go-live' },
  { path: '/history/diff?from=go-live', heading: /Diff/, shows: 'database/orders-db' },
];

describeFlow(
  'web UI (Chromium against cairn serve --demo)',
  async (flow) => {
    // The server: the app with caching headers, its fallback for app paths, and API 404s kept.
    const index = await fetch(`${flow.demo.url}/cis/database/orders-db`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toContain('text/html');
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await index.text();
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeDefined();
    const js = await fetch(`${flow.demo.url}${asset}`);
    expect(js.headers.get('content-type')).toContain('text/javascript');
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${flow.demo.url}/assets/nope.js`)).status).toBe(404);
    const api404 = await fetch(`${flow.demo.url}/api/v1/nothing`);
    expect(api404.status).toBe(404);
    expect(((await api404.json()) as { code: string }).code).toBe('ROUTE_NOT_FOUND');
    const ui = (await (await fetch(`${flow.demo.url}/api/ui`)).json()) as {
      demo: boolean;
      demoLogins: { username: string }[];
    };
    expect(ui.demo).toBe(true);
    expect(ui.demoLogins.map((l) => l.username)).toEqual([
      'alice',
      'bob',
      'carol',
      'dave',
      'erin',
      'frank',
      'rita',
      'grace',
      'admin',
    ]);

    // Erin reads a CI and its impact, diffs since go-live, and approves CHG-3.
    const page = await flow.page();
    await page.goto(flow.demo.url);
    await page.getByText('every demo user’s password is').waitFor();
    await logIn(page, flow.demo.url, 'erin');

    // A CI: attributes and impact.
    await page.getByRole('navigation').getByRole('link', { name: 'Configuration items' }).click();
    await page.getByLabel('Class').selectOption('database');
    await page.getByRole('link', { name: 'orders-db', exact: true }).click();
    const attributes = page.getByRole('table', { name: 'Attributes' });
    await attributes.getByRole('row', { name: /version\s+16\.4/ }).waitFor();
    await expect(attributes.getByRole('row', { name: /engine\s+postgresql/ }).count()).resolves.toBe(1);
    const impact = page.getByRole('table', { name: 'Impact' });
    await impact.getByRole('link', { name: 'business_service/online-shop' }).waitFor();
    await page.getByText('Impact — 5 CIs affected').waitFor();

    // As of go-live the database still ran 16.3.
    await page.getByLabel('As of').selectOption('go-live');
    await attributes.getByRole('row', { name: /version\s+16\.3/ }).waitFor();

    // The diff since go-live, field by field.
    await page.goto(`${flow.demo.url}/baselines`);
    await page.getByRole('link', { name: 'Diff to now' }).click();
    const diff = page.getByRole('table', { name: 'CIs diff' });
    await diff.getByRole('row', { name: /database\/orders-db\s+attributes\.version\s+16\.3\s+16\.4/ }).waitFor();
    await diff.getByRole('row', { name: /attributes\.replicas\s+3\s+6/ }).waitFor();

    // CHG-3 waits for the change manager: approve it.
    await page.getByRole('navigation').getByRole('link', { name: 'My approvals' }).click();
    await page.getByRole('link', { name: 'CHG-3' }).click();
    await page.getByRole('heading', { name: /Decommission the CI runner VM/ }).waitFor();
    await expect(page.locator('.header-badges').textContent()).resolves.toContain('Submitted');
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.getByLabel('Comment').fill('Runner builds moved; OK to remove.');
    await page.getByRole('button', { name: 'Confirm: approve' }).click();
    await page.getByRole('status').getByText('CHG-3 is now authorized.').waitFor();
    await page.locator('.header-badges', { hasText: 'Authorized' }).waitFor();
    await page
      .getByRole('table', { name: 'Approval decisions' })
      .getByText('Runner builds moved; OK to remove.')
      .waitFor();

    const state = await page.evaluate(
      async () => ((await (await fetch('/api/v1/changes/CHG-3')).json()) as { change: { state: string } }).change.state,
    );
    expect(state).toBe('authorized');
    await flow.screenshot(page, 'web-ui-chg-3-approved');

    // Every page, with filters from the server’s vocabulary (and no console error, as every flow).
    for (const { path, heading, shows } of PAGES) {
      await page.goto(`${flow.demo.url}${path}`);
      await page.getByRole('heading', { name: heading }).first().waitFor();
      if (shows) await page.getByText(shows).filter({ visible: true }).first().waitFor();
      await page.waitForLoadState('networkidle');
      await expect(page.locator('.alert-error').count(), path).resolves.toBe(0);
    }
    // The options come from the server's vocabulary (/api/ui): wait for the last one before reading them all.
    await page.goto(`${flow.demo.url}/changes`);
    await page.getByLabel('Type').locator('option', { hasText: 'Emergency' }).waitFor({ state: 'attached' });
    await expect(page.getByLabel('State').locator('option').allTextContents()).resolves.toEqual(
      expect.arrayContaining(['Any', 'Draft', 'Submitted', 'Authorized', 'Closed']),
    );
    await expect(page.getByLabel('Type').locator('option').allTextContents()).resolves.toEqual([
      'Any',
      'Standard',
      'Normal',
      'Emergency',
    ]);
    await page.goto(`${flow.demo.url}/drift`);
    await page.getByLabel('Kind').locator('option', { hasText: 'Unexpected' }).waitFor({ state: 'attached' });
    await expect(page.getByLabel('Kind').locator('option').allTextContents()).resolves.toEqual([
      'Any',
      'Modified',
      'Missing',
      'Unexpected',
    ]);
  },
  { freshDemo: true, timeout: 180_000 },
);
