import { expect } from 'vitest';
import { describeFlow, seriousA11yViolations } from '../../helpers/browser.js';

/** Alice raises a change from a CI page, with its plan built in the form, and submits it. */
describeFlow('Alice raises a change from a CI page, with a plan built in the form', async (flow) => {
  const page = await flow.page('alice');
  await page.goto(`${flow.demo.url}/cis/database/orders-db`);
  await page.getByRole('link', { name: 'Request change' }).click();
  await page.getByRole('heading', { name: 'Request a change' }).waitFor();
  expect(await page.getByLabel('CI (class/name)').inputValue()).toBe('database/orders-db');
  await page.getByLabel('Title').fill('Raise max_connections on orders-db');
  await page.getByLabel('Justification').fill('Connection pool exhausted during the sale.');
  await page.getByLabel('Attribute').fill('version');
  await page.getByLabel('New value').fill('16.5');
  // The plan is checked by the server as it is typed: before → after.
  const preview = page.getByRole('table', { name: 'Plan before and after' });
  await preview.getByRole('cell', { name: '16.5' }).waitFor();
  expect(await preview.getByRole('cell', { name: '16.4' }).count()).toBe(1);
  await page.getByText(/Impact: \d+ CIs affected/).waitFor();
  await flow.screenshot(page, 'alice-change-form');
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Save as draft' }).click();
  await page.getByRole('heading', { name: /CHG-\d+ Raise max_connections on orders-db/ }).waitFor();
  expect(await page.title()).toMatch(/^CHG-\d+ Raise max_connections on orders-db · Cairn$/);
  await page.getByRole('button', { name: 'Submit for approval' }).click();
  await page.getByRole('button', { name: 'Confirm: submit for approval' }).click();
  await page
    .getByRole('status')
    .getByText(/CHG-\d+ is now submitted\./)
    .waitFor();
  await flow.screenshot(page, 'alice-raises-change');
});
