import { expect } from 'vitest';
import { describeFlow, seriousA11yViolations } from '../../helpers/browser.js';
import { submitRiskyChange } from './workflow-steps.js';

/** Carol (CAB) is shown only the changes she may decide on, and approving says what is still missing. */
describeFlow('Carol sees only what she may approve, and approves it', async (flow) => {
  // Each run submits a change of its own, so one demo serves both widths.
  const alice = await flow.page('alice');
  const ref = await submitRiskyChange(alice, 'Grow payments-db storage');

  const page = await flow.page('carol');
  await page.getByRole('link', { name: 'My approvals' }).click();
  const table = page.getByRole('table', { name: 'Pending approvals' });
  await table.getByRole('link', { name: ref }).waitFor();
  // CHG-3 waits for the change managers only: not hers to decide, so not listed.
  expect(await table.getByRole('link', { name: 'CHG-3' }).count()).toBe(0);
  expect(await page.title()).toBe('My approvals · Cairn');
  await table.getByRole('link', { name: ref }).click();
  // No cancel for a CAB member on alice's change: only what the server allows is offered.
  await page.getByRole('button', { name: 'Approve' }).waitFor();
  expect(await page.getByRole('button', { name: 'Cancel change' }).count()).toBe(0);
  // The approver's buttons are in view without scrolling, at either width.
  expect(await page.getByRole('button', { name: 'Approve' }).isVisible()).toBe(true);
  const box = await page.getByRole('button', { name: 'Approve' }).boundingBox();
  expect(box!.y + box!.height).toBeLessThan(900);
  await page.getByRole('button', { name: 'Approve' }).click();
  await page.getByLabel('Comment').fill('Capacity plan checked.');
  await page.getByRole('button', { name: 'Confirm: approve' }).click();
  const notice = page.getByRole('status');
  await notice.getByText(`Your approval of ${ref} was recorded for cab.`).waitFor();
  expect(await notice.textContent()).toMatch(/Still missing: .*cab needs 1 more/);
  await flow.screenshot(page, 'carol-approves');
  expect(await seriousA11yViolations(page)).toEqual([]);
  // Decided: no longer on her list.
  await page.getByRole('link', { name: 'My approvals' }).click();
  await page.getByText('Nothing is waiting for you.').waitFor();
});
