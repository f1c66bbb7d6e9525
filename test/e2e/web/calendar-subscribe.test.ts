import { expect } from 'vitest';
import { describeFlow } from '../../helpers/browser.js';

/*
 * Erin subscribes to the calendar from a calendar program that cannot send a token: she makes a
 * feed address in the Subscribe box, which a client with no cookie reads as iCalendar; she makes
 * a new one (the old address stops working), then revokes it.
 */
describeFlow('Erin makes, rotates and revokes her calendar feed address', async (flow) => {
  const page = await flow.page('erin', { allowConsoleErrors: /404/ });
  await page.goto(`${flow.demo.url}/calendar`);
  await page.getByRole('button', { name: 'Subscribe…' }).click();
  const box = page.getByRole('region', { name: 'Calendar subscription' });
  // The box opens over the page, beside the sidebar and inside the window (at 1 024 px it spilled
  // over the sidebar when the header's buttons wrapped below the title).
  const sidebar = (await page.locator('.sidebar').boundingBox())!;
  const opened = (await box.boundingBox())!;
  expect(opened.x).toBeGreaterThanOrEqual(sidebar.x + sidebar.width);
  expect(opened.x + opened.width).toBeLessThanOrEqual(flow.width);
  const make = box.getByRole('button', { name: /^Make (an|a new) address$/ });
  await make.click();
  const address = box.getByRole('textbox');
  const first = await address.inputValue();
  expect(first).toMatch(/\/api\/v1\/calendar\/feeds\/[0-9a-f]{12}_/);
  await flow.screenshot(page, 'calendar-subscribe');
  // No cookie, no token: the address alone is the credential.
  const read = await fetch(first);
  expect(read.status).toBe(200);
  expect(await read.text()).toMatch(/^BEGIN:VCALENDAR/);

  await box.getByRole('button', { name: 'Make a new address' }).click();
  await expect.poll(() => address.inputValue()).not.toBe(first);
  const second = await address.inputValue();
  expect((await fetch(first)).status).toBe(404);
  expect((await fetch(second)).status).toBe(200);

  await box.getByRole('button', { name: 'Revoke' }).click();
  await box.getByRole('button', { name: 'Make an address' }).waitFor();
  expect((await fetch(second)).status).toBe(404);
});
