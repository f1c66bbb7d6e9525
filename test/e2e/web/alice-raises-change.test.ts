import { expect } from 'vitest';
import { describeFlow, seriousA11yViolations } from '../../helpers/browser.js';

/**
 * Alice raises a change from a CI page, with its plan built in the form: the CI picked from the
 * server's search by keyboard, the plan checked as it is typed (old → new, impact, risk and the
 * approvals it will need, before it is saved), then submitted.
 */
describeFlow('Alice raises a change from a CI page, with a plan built in the form', async (flow) => {
  const page = await flow.page('alice');
  await page.goto(`${flow.demo.url}/cis/database/orders-db`);
  await page.getByRole('link', { name: 'Request change' }).click();
  await page.getByRole('heading', { name: 'Request a change' }).waitFor();
  const firstCi = page.getByRole('combobox', { name: 'CI (class/name)' });
  expect(await firstCi.inputValue()).toBe('database/orders-db');
  await page.getByLabel('Title').fill('Raise max_connections on orders-db');
  await page.getByLabel('Justification').fill('Connection pool exhausted during the sale.');
  await page.getByLabel('Attribute').fill('version');
  await page.getByLabel('New value').fill('16.5');
  // The plan is checked by the server as it is typed: old → new.
  const preview = page.getByRole('table', { name: 'Plan, old and new values' });
  await preview.getByRole('cell', { name: '16.5' }).waitFor();
  expect(await preview.getByRole('cell', { name: '16.4' }).count()).toBe(1);
  // A second line, its CI found by the server's search and picked with the keyboard.
  await page.getByRole('button', { name: 'Add a line' }).click();
  const secondCi = page.getByRole('combobox', { name: 'CI (class/name)' }).nth(1);
  await secondCi.fill('catalog');
  // Only the open list is in the accessibility tree: the first line's is closed.
  const options = page.getByRole('listbox', { name: 'CI (class/name): matching CIs' });
  await options.getByRole('option', { name: /database\/catalog-db/ }).waitFor();
  expect(await options.count()).toBe(1);
  expect(await secondCi.getAttribute('aria-expanded')).toBe('true');
  await secondCi.press('ArrowDown');
  expect(await secondCi.getAttribute('aria-activedescendant')).toBeTruthy();
  await secondCi.press('Enter');
  expect(await secondCi.inputValue()).toBe('database/catalog-db');
  expect(await secondCi.getAttribute('aria-expanded')).toBe('false');
  await page.getByLabel('Attribute').nth(1).fill('max_connections');
  await page.getByLabel('New value').nth(1).fill('400');
  await preview.getByRole('cell', { name: 'attributes.max_connections' }).waitFor();
  // Impact, the computed risk and the approvals it will need, before anything is saved.
  await page.getByText(/Impact: \d+ CIs affected/).waitFor();
  await page.getByRole('heading', { name: 'Risk' }).waitFor();
  await page.getByRole('heading', { name: 'Approvals it will need' }).waitFor();
  expect(await page.getByText('change-managers').count()).toBeGreaterThan(0);
  await flow.screenshot(page, 'alice-change-form');
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Save as draft' }).click();
  await page.getByRole('heading', { name: /CHG-\d+ Raise max_connections on orders-db/ }).waitFor();
  expect(await page.title()).toMatch(/^CHG-\d+ Raise max_connections on orders-db · Cairn$/);
  // The change page's plan says old → new too (defect 8).
  const plan = page.getByRole('table', { name: 'Plan, old and new values' });
  await plan.getByRole('cell', { name: '16.5' }).waitFor();
  expect(await plan.getByRole('cell', { name: '16.4' }).count()).toBe(1);
  expect(await plan.getByRole('cell', { name: 'not set' }).count()).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Submit for approval' }).click();
  await page.getByRole('button', { name: 'Confirm: submit for approval' }).click();
  await page
    .getByRole('status')
    .getByText(/CHG-\d+ is now submitted\./)
    .waitFor();
  await flow.screenshot(page, 'alice-raises-change');
});
