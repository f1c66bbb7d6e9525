import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { describeFlow, seriousA11yViolations } from '../../helpers/browser.js';

const RELEASE = 'service/frontend 2.17.0';
/** A refused promotion answers 409: the browser logs it. */
const EXPECTED_REFUSALS = /the server responded with a status of 409/;

/** Asks to promote the release into `environment`, confirms, and returns the confirmation box. */
async function promote(page: Page, environment: string) {
  const what = `Promote ${RELEASE} into ${environment}`;
  await page.getByRole('button', { name: what, exact: true }).click();
  const confirm = page.getByRole('group', { name: `Confirm: ${what}` });
  await confirm.getByRole('button', { name: 'Confirm: promote' }).click();
  return confirm;
}

/**
 * Rita, the release manager, approves the release alice proposed, sees the gate deny production
 * (it has not been through staging), promotes it through development, test and staging, and then
 * sees production allowed; the pipeline shows it on its way. Grace, an auditor, sees the same
 * pipeline without a button.
 */
describeFlow(
  'Rita approves a release and promotes it through staging, and production is then allowed',
  async (flow) => {
    const page = await flow.page('rita', { allowConsoleErrors: EXPECTED_REFUSALS });
    await page.getByRole('link', { name: 'Releases', exact: true }).click();
    const pipeline = page.getByRole('table', { name: 'Release pipeline' });
    // The demo's checkout 3.3.0 passed staging: production is next, and the gates allow it.
    const checkoutProd = pipeline.getByRole('cell', { name: 'service/checkout in production' });
    await checkoutProd.getByText('Next: 3.3.0').waitFor();
    await checkoutProd.getByText('Gates allow').waitFor();
    // cart 1.5.1 failed in development, where 1.5.0 still runs.
    const cartDev = pipeline.getByRole('cell', { name: 'service/cart in development' });
    await cartDev.getByText('Failed', { exact: true }).waitFor();
    expect(await cartDev.getByRole('link', { name: '1.5.0' }).count()).toBe(1);
    expect(await page.title()).toBe('Releases · Cairn');
    await flow.screenshot(page, 'release-pipeline');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // frontend 2.17.0 waits for a release manager.
    const frontend = pipeline.getByRole('row', { name: /service\/frontend/ });
    await frontend.getByRole('link', { name: '2.17.0' }).first().click();
    await page.getByRole('heading', { name: RELEASE }).waitFor();
    await page.getByRole('button', { name: 'Approve release' }).click();
    await page.getByLabel('Comment').fill('Notes and tests checked.');
    await page.getByRole('button', { name: 'Confirm: approve' }).click();
    await page.getByRole('status').getByText(`${RELEASE} is now approved.`).waitFor();
    // The gates are asked again once the release is approved, and every row then loses its line
    // "only an approved release is promoted": a click before that answer is drawn can land where a
    // row shrank under the pointer. Development allowed is the new answer.
    await page.getByRole('cell', { name: 'Gates for development' }).getByText('Gates allow').waitFor();

    // Production is denied: the release has not been through staging.
    const productionGates = page.getByRole('cell', { name: 'Gates for production' });
    const notThroughStaging = `previous: ${RELEASE} has not been deployed and verified in staging`;
    await productionGates.getByText('Gates deny').waitFor();
    await productionGates.getByText(notThroughStaging, { exact: true }).waitFor();
    // Asking anyway is refused by the server, each failing gate on its line.
    const refused = await promote(page, 'production');
    const alert = refused.getByRole('alert');
    await alert.getByText(`Cannot promote ${RELEASE} into production:`).waitFor();
    await alert.getByText(notThroughStaging).waitFor();
    await refused.getByRole('button', { name: 'Cancel' }).click();

    for (const environment of ['development', 'test', 'staging']) {
      // The page has read the promotion before (the gates allow the next environment, its
      // deployment is listed): a click while the answers arrive can land where a row grew or
      // shrank under the pointer, as it did at 1024 px, where a deployment's time takes two lines.
      await page
        .getByRole('cell', { name: `Gates for ${environment}` })
        .getByText('Gates allow')
        .waitFor();
      await promote(page, environment);
      await page.getByRole('status').getByText(`Done: Promote ${RELEASE} into ${environment}.`).waitFor();
      await page
        .getByRole('table', { name: 'Deployments' })
        .getByRole('row', { name: new RegExp(`^${environment} Promotion`) })
        .waitFor();
    }
    await productionGates.getByText('Gates allow').waitFor();
    expect(await page.getByRole('table', { name: 'Deployments' }).getByRole('row').count()).toBe(4);
    await page.getByText('No incident is traced to this release’s deployments.').waitFor();
    await flow.screenshot(page, 'release-page');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The pipeline shows it in staging, production next and allowed.
    await page.getByRole('link', { name: 'Releases', exact: true }).first().click();
    const frontendProd = pipeline.getByRole('cell', { name: 'service/frontend in production' });
    await frontendProd.getByText('Next: 2.17.0').waitFor();
    await frontendProd.getByText('Gates allow').waitFor();
    await flow.screenshot(page, 'release-pipeline-after');

    // An auditor reads the same pipeline and release, with no button to act.
    const grace = await flow.page('grace', { allowConsoleErrors: EXPECTED_REFUSALS });
    await grace.goto(`${flow.demo.url}/releases`);
    await grace.getByRole('table', { name: 'Release pipeline' }).waitFor();
    expect(await grace.getByRole('button', { name: /^(Promote|Roll back)/ }).count()).toBe(0);
    await grace.goto(`${flow.demo.url}/releases/service/frontend/2.17.0`);
    await grace.getByRole('table', { name: 'Promotion by environment' }).waitFor();
    expect(
      await grace
        .getByRole('button')
        .filter({ hasText: /Promote|Approve/ })
        .count(),
    ).toBe(0);
  },
  { freshDemo: true, timeout: 180_000 },
);
