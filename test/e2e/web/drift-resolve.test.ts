import { expect } from 'vitest';
import { describeFlow, seriousA11yViolations } from '../../helpers/browser.js';

/*
 * The demo's inventory agent found drift on the Linux servers. The admin accepts one finding (the
 * servers are under change control, so with a reason) and remediates another through a change;
 * each resolved finding then links to the revision or the change that resolved it, and the page
 * shows the observation they came from.
 */
describeFlow(
  'drift is accepted and remediated in the browser',
  async (flow) => {
    const page = await flow.page('admin');
    await page.getByRole('link', { name: 'Drift', exact: true }).click();
    await page.getByRole('table', { name: 'Drift findings' }).waitFor();
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    await page.getByText('inventory-agent saw 7 items').waitFor();
    const row = (ci: string) => page.getByRole('row').filter({ hasText: ci });
    const id = async (ci: string) => (await row(ci).locator('td .mono').first().textContent())!;
    const osDrift = await id('linux_server/db-02');
    const memoryDrift = await id('linux_server/k8s-node-02');
    await flow.screenshot(page, 'drift-open');

    await page.getByRole('checkbox', { name: `Select ${osDrift}` }).check();
    await page.getByRole('button', { name: 'Accept observed…' }).click();
    await page.getByLabel('Why it cannot wait for a change').fill('Upgraded during the incident of last night');
    await flow.screenshot(page, 'drift-accept');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Accept 1 finding' }).click();
    const accepted = page.getByRole('status').filter({ hasText: 'Accepted 1 finding as revision' });
    await accepted.waitFor();
    const rev = /revision (\d+)/.exec((await accepted.textContent())!)![1]!;
    // The list reloads after the notice appears: wait for the accepted finding to leave it.
    await expect.poll(() => row('linux_server/db-02').count(), { timeout: 15_000 }).toBe(0);

    await page.getByRole('checkbox', { name: `Select ${memoryDrift}` }).check();
    await page.getByRole('button', { name: 'Remediate…' }).click();
    await page.getByRole('button', { name: 'Open a change for 1 finding' }).click();
    const opened = page.getByRole('status').filter({ hasText: 'to restore the authorized state' });
    await opened.waitFor();
    const change = /CHG-\d+/.exec((await opened.textContent())!)![0];

    await page.getByLabel('State').selectOption('resolved');
    await row('linux_server/db-02')
      .getByRole('link', { name: `revision ${rev}` })
      .waitFor();
    await row('linux_server/k8s-node-02').getByRole('link', { name: change }).waitFor();
    await flow.screenshot(page, 'drift-resolved');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await row('linux_server/k8s-node-02').getByRole('link', { name: change }).click();
    await page.getByRole('heading', { name: new RegExp(`Remediate drift`) }).waitFor();

    const ci = (await (await page.request.get(`${flow.demo.url}/api/v1/cis/linux_server/db-02`)).json()) as {
      attributes: { os: string };
    };
    expect(ci.attributes.os).toBe('debian-13');
  },
  // A fresh demo for each width: the first run resolves the findings the second looks for.
  { freshDemo: true },
);
