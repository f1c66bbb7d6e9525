import { expect } from 'vitest';
import { describeFlow, seriousA11yViolations } from '../../helpers/browser.js';

/*
 * The admin suppresses drift the inventory agent found: one finding, then two at once, each time
 * with a reason and an end date; the suppressed findings leave the open list at once (listed apart
 * on request), and the rules the server recorded name their owner (the person who suppressed), the
 * reason and the end date.
 */
describeFlow(
  'drift is suppressed, one finding and many, in the browser',
  async (flow) => {
    const page = await flow.page('admin');
    await page.goto(`${flow.demo.url}/drift`);
    await page.getByRole('table', { name: 'Drift findings' }).waitFor();
    await page.getByText('inventory-agent saw 7 items').waitFor();
    const row = (ci: string) => page.getByRole('row').filter({ hasText: ci });
    const id = async (ci: string) => (await row(ci).locator('td .mono').first().textContent())!;
    const until = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    const suppress = async (cis: string[], reason: string) => {
      for (const ci of cis) await page.getByRole('checkbox', { name: `Select ${await id(ci)}` }).check();
      await page.getByRole('button', { name: 'Suppress…' }).click();
      await page.getByLabel('Why this drift is known and accepted').fill(reason);
      await page.getByLabel('Until (a date, UTC)').fill(until);
      await page.getByRole('button', { name: `Suppress ${cis.length} finding` }).click();
      await page
        .getByRole('status')
        .filter({ hasText: `until ${until}` })
        .waitFor();
      // The list reloads after the notice appears: wait for the suppressed findings to leave it.
      for (const ci of cis) await expect.poll(() => row(ci).count(), { timeout: 15_000 }).toBe(0);
    };

    await suppress(['linux_server/db-02'], 'Kernel upgrade tracked in the vendor ticket');
    // Known drift is listed apart, on request, with the rule that suppresses it.
    const showSuppressed = page.getByRole('checkbox', { name: 'Show 1 suppressed finding' });
    await showSuppressed.check();
    await expect.poll(() => row('linux_server/db-02').textContent()).toMatch(/suppressed by SUP-1/);
    await showSuppressed.uncheck();
    await expect.poll(() => row('linux_server/db-02').count()).toBe(0);
    await page.getByRole('checkbox', { name: `Select ${await id('linux_server/k8s-node-02')}` }).check();
    await page.getByRole('button', { name: 'Suppress…' }).click();
    await flow.screenshot(page, 'drift-suppress');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('checkbox', { name: `Select ${await id('linux_server/k8s-node-02')}` }).uncheck();
    const others = (await page.getByRole('row').allTextContents())
      .map((t) => /linux_server\/[\w-]+/.exec(t)?.[0])
      .filter((ci): ci is string => ci !== undefined && ci !== 'linux_server/db-02');
    const two = [...new Set(others)].slice(0, 2);
    expect(two).toHaveLength(2);
    await suppress(two, 'Known during the memory trial');

    const rules = (await (await page.request.get(`${flow.demo.url}/api/v1/drift/suppressions`)).json()) as {
      owner: string;
      reason: string;
      expiresAt: string;
    }[];
    // A date alone means to the end of that day (UTC): the rule stops applying at the next midnight.
    const endOfUntil = new Date(Date.parse(`${until}T00:00:00Z`) + 86_400_000).toISOString();
    expect(rules.length).toBeGreaterThanOrEqual(3);
    for (const r of rules) {
      expect(r.owner).toBe('admin');
      expect(r.expiresAt).toBe(endOfUntil);
    }
    expect(rules.map((r) => r.reason)).toContain('Known during the memory trial');
  },
  { freshDemo: true },
);
