import { expect } from 'vitest';
import { describeFlow, seriousA11yViolations } from '../../helpers/browser.js';

/**
 * The bell of two demo people (one per width, each with unread notifications of their own): alice,
 * whose payments change was approved, and erin, whose group must approve the decommissioning. Each
 * reads the list, marks it read (the count goes), then chooses a daily digest and no email of freezes.
 */
const PEOPLE: Record<number, { user: string; expect: RegExp }> = {
  1440: { user: 'alice', expect: /CHG-\d+ was approved/ },
  1024: { user: 'erin', expect: /CHG-\d+ waits for your approval \(change-managers\)/ },
};

describeFlow('the notification bell and preferences in the browser', async (flow) => {
  const { user, expect: told } = PEOPLE[flow.width]!;
  const page = await flow.page(user);
  // The demo's events are fanned out by the server's jobs just after it starts: reload until they are.
  await page.goto(`${flow.demo.url}/notifications`);
  const approved = page.getByRole('link', { name: told });
  for (let i = 0; i < 40 && (await approved.count()) === 0; i++) {
    await page.waitForTimeout(250);
    await page.reload();
  }
  await approved.first().waitFor();
  const bell = page.getByRole('link', { name: /^Notifications, \d+ unread$/ });
  await bell.waitFor();
  expect(await seriousA11yViolations(page)).toEqual([]);
  await flow.screenshot(page, `notifications-list-${user}`);

  await page.getByRole('button', { name: 'Mark all read' }).click();
  await page.getByText('0 unread').waitFor();
  await page.getByRole('link', { name: 'Notifications', exact: true }).waitFor();

  await page.getByRole('link', { name: 'Preferences' }).click();
  await page.getByRole('heading', { name: 'Notification preferences' }).waitFor();
  const freezeEmail = page.getByRole('checkbox', { name: 'Email: A freeze window has started' });
  expect(await freezeEmail.isChecked()).toBe(true);
  await freezeEmail.uncheck();
  await page.getByRole('checkbox', { name: 'Send my emails as one daily digest' }).check();
  await page.getByRole('button', { name: 'Save preferences' }).click();
  await page.getByRole('status').filter({ hasText: 'Preferences saved.' }).waitFor();
  expect(await seriousA11yViolations(page)).toEqual([]);
  await flow.screenshot(page, `notification-preferences-${user}`);

  await page.reload();
  await page.getByRole('heading', { name: 'Notification preferences' }).waitFor();
  expect(await page.getByRole('checkbox', { name: 'Email: A freeze window has started' }).isChecked()).toBe(false);
  expect(await page.getByRole('checkbox', { name: 'Send my emails as one daily digest' }).isChecked()).toBe(true);
  await page.getByRole('button', { name: 'Use the defaults' }).click();
  await page.getByRole('status').filter({ hasText: 'Back to the defaults.' }).waitFor();
  expect(await page.getByRole('checkbox', { name: 'Email: A freeze window has started' }).isChecked()).toBe(true);
});
