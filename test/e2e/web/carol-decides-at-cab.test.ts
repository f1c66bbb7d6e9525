import { expect } from 'vitest';
import { describeFlow, seriousA11yViolations } from '../../helpers/browser.js';
import { submitRiskyChange } from './workflow-steps.js';

/**
 * Carol (CAB) opens the agenda of today's meeting, decides a change from it with a comment (a
 * rejection without a reason is stopped first), and records the minutes: the decision appears in
 * them, linked to its approval record, and once closed they offer only a correction.
 */
describeFlow('Carol decides from the CAB agenda and the minutes are recorded', async (flow) => {
  // Each run submits a change of its own, so one demo serves both widths.
  const alice = await flow.page('alice');
  const ref = await submitRiskyChange(alice, `Grow payments-db for the sale (${flow.width})`);

  const page = await flow.page('carol');
  await page.goto(`${flow.demo.url}/cab`);
  const entry = page.getByRole('listitem', { name: new RegExp(`^${ref} `) });
  await entry.getByText('Impact').waitFor();
  expect(await entry.getByText('database/payments-db').count()).toBeGreaterThan(0);
  expect(await entry.getByText(/cab \(\d more\)/).count()).toBe(1);
  // A rejection needs its reason: nothing is sent without one.
  await entry.getByRole('button', { name: `Reject ${ref}` }).click();
  await entry.getByText(`Say why ${ref} is rejected.`).waitFor();
  await entry.getByLabel('Comment (a rejection needs its reason)').fill('Backout rehearsed on staging: approved.');
  await entry.getByRole('button', { name: `Approve ${ref}` }).click();
  await page.getByRole('status').getByText(`Your approval of ${ref} was recorded for cab.`).waitFor();

  await page.getByRole('button', { name: 'Record minutes' }).click();
  const form = page.getByRole('form', { name: 'Minutes' });
  expect(await form.getByLabel(/Attendees/).inputValue()).toBe('carol');
  await form.getByLabel('Minutes').fill(`${ref} approved after the backout rehearsal was shown.`);
  await form.getByRole('button', { name: 'Record minutes' }).click();
  await page
    .getByRole('status')
    .getByText(/^Minutes cab_\w+ recorded with \d+ decisions?\.$/)
    .waitFor();
  const record = page.getByRole('article').first();
  const decision = record.getByRole('row', { name: new RegExp(ref) });
  await decision.getByText('Backout rehearsed on staging: approved.').waitFor();
  expect(await decision.getByText('Approved', { exact: true }).count()).toBe(1);
  expect(await decision.getByText(/^#\d+/).count()).toBe(1);
  await record.getByRole('button', { name: 'Close minutes' }).click();
  await page
    .getByRole('status')
    .getByText(/are closed: they will not change again/)
    .waitFor();
  await record.getByRole('button', { name: 'Record a correction' }).waitFor();
  expect(await record.getByRole('button', { name: 'Edit' }).count()).toBe(0);
  await flow.screenshot(page, 'carol-decides-at-cab');
  expect(await seriousA11yViolations(page)).toEqual([]);
});
