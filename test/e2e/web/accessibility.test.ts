import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { describeFlow, logIn, seriousA11yViolations, WIDTHS } from '../../helpers/browser.js';

interface Checked {
  path: string;
  ready: (page: Page) => Promise<void>;
  open?: (page: Page) => Promise<void>;
}

/**
 * Every page of the app, as the admin sees it (who sees every page), checked by axe-core: no
 * serious or critical violation. A page added to the app is added here.
 */
const PAGES: Checked[] = [
  { path: '/', ready: heading(/Good to see you/) },
  { path: '/cis', ready: heading('Configuration items') },
  { path: '/cis/database/orders-db', ready: heading('orders-db') },
  { path: '/cis/database/orders-db?at=go-live', ready: heading('orders-db') },
  { path: '/history', ready: table('Revisions') },
  { path: '/history/diff?from=go-live', ready: heading('Diff') },
  { path: '/baselines', ready: heading('Baselines') },
  { path: '/drift', ready: heading('Drift') },
  { path: '/changes', ready: table('Changes') },
  { path: '/changes/CHG-1', ready: heading(/Upgrade orders-db/) },
  { path: '/changes/CHG-3', ready: heading(/./) },
  { path: '/changes/new?ci=database/orders-db', ready: heading('Request a change') },
  // The admin is neither CHG-5's requester nor a change manager: the page says there is nothing to change.
  { path: '/changes/CHG-5/edit', ready: heading('Edit CHG-5') },
  { path: '/approvals', ready: heading(/approval|decision/i) },
  { path: '/calendar', ready: heading(/calendar/i) },
  // The release page is checked by rita-promotes-a-release, at each step of its flow.
  { path: '/releases', ready: table('Release pipeline') },
  { path: '/reports/metrics', ready: table('Change management by period') },
  { path: '/notifications', ready: heading('Notifications') },
  { path: '/notifications/preferences', ready: heading('Notification preferences') },
  { path: '/admin', ready: heading('Administration') },
  {
    path: '/admin/users',
    ready: table('Users'),
    open: async (page) => page.getByRole('button', { name: 'Edit alice' }).click(),
  },
  { path: '/admin/groups', ready: table('Approver groups') },
  { path: '/admin/roles', ready: table('Permissions by role') },
  { path: '/admin/tokens', ready: heading('API tokens') },
  { path: '/admin/webhooks', ready: heading('Webhooks') },
  {
    path: '/admin/policy',
    ready: heading('Policy'),
    open: async (page) => {
      await page.getByRole('button', { name: 'Edit as YAML' }).click();
      await page.getByText('Valid, and the same as the policy in force.').waitFor();
    },
  },
  { path: '/admin/classes?name=database', ready: table('Relationship types') },
  {
    path: '/audit',
    ready: async (page) => {
      await page.getByRole('button', { name: 'Verify the audit chain' }).click();
      await page.getByText('The audit chain verifies.').waitFor();
    },
  },
  { path: '/no-such-page', ready: heading('Not found') },
];

/** The pages only a change manager is offered on the demo's CHG-5 (the admin is not one): erin sees them. */
const MANAGER_PAGES: Checked[] = [
  { path: '/changes/CHG-5/edit?what=plan', ready: heading('Replan CHG-5') },
  {
    path: '/changes/CHG-5/edit?what=window',
    ready: async (page) => {
      await heading('Reschedule CHG-5')(page);
      await page.getByText(/^Its approvals/).waitFor();
    },
  },
];

function heading(name: string | RegExp) {
  return (page: Page) => page.getByRole('heading', { name, level: 1 }).first().waitFor();
}
function table(name: string) {
  return (page: Page) => page.getByRole('table', { name }).first().waitFor();
}

// Both widths in light mode, and the wide one in dark mode (the colours change, so contrast must hold again).
describeFlow(
  'web UI: every page passes axe-core (no serious or critical violation)',
  async (flow) => {
    const admin = await flow.page();
    await admin.goto(flow.demo.url);
    await admin.getByLabel('Username').waitFor();
    const found: string[] = (await seriousA11yViolations(admin)).map((v) => `/login: ${v}`);
    await logIn(admin, flow.demo.url, 'admin');
    const manager = await flow.page('erin');
    for (const p of [...PAGES, ...MANAGER_PAGES]) {
      const page = MANAGER_PAGES.includes(p) ? manager : admin;
      await page.goto(`${flow.demo.url}${p.path}`);
      await p.ready(page);
      await p.open?.(page);
      found.push(...(await seriousA11yViolations(page)).map((v) => `${p.path}: ${v}`));
      // No page scrolls sideways: a wide table scrolls inside its card (the roles' matrix, the
      // change list and the revisions widened the page at 1 024 px).
      if (!(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')))
        found.push(`${p.path}: the page scrolls sideways at ${flow.width} px`);
      await flow.screenshot(page, `a11y${p.path.replace(/[/?=]+/g, '-')}`);
    }
    expect(found).toEqual([]);
  },
  {
    runs: [...WIDTHS.map((width) => ({ width })), { width: WIDTHS[0], colorScheme: 'dark' }],
    timeout: 180_000,
  },
);
