import { expect } from 'vitest';
import { describeFlow, seriousA11yViolations } from '../../helpers/browser.js';

/** Erin reviews the demo's implemented scale-up (CHG-2): no outcome is assumed, and notes are required. */
describeFlow(
  'Erin reviews',
  async (flow) => {
    const page = await flow.page('erin');
    await page.goto(`${flow.demo.url}/changes/CHG-2`);
    await page.getByRole('button', { name: 'Review' }).click();
    expect(await page.getByLabel('Outcome').inputValue()).toBe('');
    await page.getByRole('button', { name: 'Confirm: review' }).click();
    await page.getByText('Choose how the change went.').waitFor();
    await page.getByLabel('Outcome').selectOption('successful_with_issues');
    await page.getByRole('button', { name: 'Confirm: review' }).click();
    await page.getByText('Write what was learned: the notes are required.').waitFor();
    await page.getByLabel('Notes').fill('Scaled fine; the HPA fought it for ten minutes.');
    await page.getByRole('button', { name: 'Confirm: review' }).click();
    await page.getByRole('status').getByText('CHG-2 is now reviewed.').waitFor();
    await page.getByRole('button', { name: 'Close' }).waitFor();
    await flow.screenshot(page, 'erin-reviews');
    expect(await seriousA11yViolations(page)).toEqual([]);
  },
  // A fresh demo for each width: the first run reviews CHG-2.
  { freshDemo: true },
);
