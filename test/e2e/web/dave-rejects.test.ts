import { expect } from 'vitest';
import { describeFlow, seriousA11yViolations } from '../../helpers/browser.js';
import { submitRiskyChange } from './workflow-steps.js';

/** Dave (CAB) rejects a change: the page asks for the reason before anything is sent. */
describeFlow('Dave rejects with a required reason', async (flow) => {
  // Each run submits a change of its own, so one demo serves both widths.
  const alice = await flow.page('alice');
  const ref = await submitRiskyChange(alice, 'Grow payments-db storage');

  const page = await flow.page('dave');
  await page.goto(`${flow.demo.url}/changes/${ref}`);
  await page.getByRole('button', { name: 'Reject' }).click();
  await page.getByRole('button', { name: 'Confirm: reject' }).click();
  await page.getByText('Say why the change is rejected.').waitFor();
  expect(await page.getByRole('status').count()).toBe(0);
  await page.getByLabel('Reason').fill('Grow the volume after the sale, not during it.');
  await page.getByRole('button', { name: 'Confirm: reject' }).click();
  await page
    .getByRole('status')
    .getByText(`Your rejection of ${ref} was recorded for cab. ${ref} is now rejected.`)
    .waitFor();
  await page.getByText('Grow the volume after the sale, not during it.').first().waitFor();
  await flow.screenshot(page, 'dave-rejects');
  expect(await seriousA11yViolations(page)).toEqual([]);
});
