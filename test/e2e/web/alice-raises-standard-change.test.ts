import { expect } from 'vitest';
import { describeFlow, seriousA11yViolations } from '../../helpers/browser.js';

/**
 * Alice raises a standard change in the form: she picks the template it follows, is told what the
 * template allows, sees the server refuse a plan that steps outside it before anything is saved,
 * narrows the plan, and saves a standard change.
 */
describeFlow('Alice raises a standard change from its template', async (flow) => {
  // The preview of a plan outside the template is refused (403), as saving it would be.
  const page = await flow.page('alice', { allowConsoleErrors: /status of 403/ });
  await page.goto(`${flow.demo.url}/changes/new`);
  await page.getByRole('heading', { name: 'Request a change' }).waitFor();
  await page.getByLabel('Type').selectOption('standard');
  await page.getByLabel('Template').selectOption('scale-deployment');
  await page.getByTestId('template-allows').getByText('It may set replicas of a k8s_deployment').waitFor();
  await page.getByLabel('Title').fill('Scale cart for the sale');
  await page.getByRole('combobox', { name: 'CI (class/name)' }).fill('k8s_deployment/shop/cart');
  // A plan outside the template: the preview says so, as saving would.
  await page.getByLabel('Attribute').fill('strategy');
  await page.getByLabel('New value').fill('Recreate');
  await page.getByText(/steps outside its standard template/).waitFor();
  // Inside it: the refusal goes.
  await page.getByLabel('Attribute').fill('replicas');
  await page.getByLabel('New value').fill('6');
  const plan = page.getByRole('table', { name: 'Plan, old and new values' });
  await plan.getByRole('cell', { name: '6', exact: true }).waitFor();
  await page.getByText(/steps outside its standard template/).waitFor({ state: 'detached' });
  await flow.screenshot(page, 'alice-standard-change-form');
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Save as draft' }).click();
  await page.getByRole('heading', { name: /CHG-\d+ Scale cart for the sale/ }).waitFor();
  await page.getByText(/a standard change is pre-approved by its template/).waitFor();
  await flow.screenshot(page, 'alice-standard-change');
});
