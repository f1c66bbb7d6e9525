import type { Route } from 'playwright-core';
import { expect } from 'vitest';
import { describeFlow } from '../../helpers/browser.js';

/**
 * The login page shows once the server has said how one signs in (`GET /api/ui`): before, the
 * password form showed at once and the demo's logins arrived after, growing the centred panel, so
 * that its button moved under the pointer (a click on a busy machine landed where it had been), and
 * a server with passwords switched off showed a password form until its answer came.
 */
describeFlow('The login page waits for the server to say how one signs in', async (flow) => {
  const page = await flow.page();
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  let asked = false;
  await page.route('**/api/ui', async (route: Route) => {
    asked = true;
    await held;
    await route.continue();
  });
  await page.goto(flow.demo.url);
  await page.getByText('Loading Cairn…').waitFor();
  expect(asked).toBe(true);
  expect(await page.getByLabel('Username').count()).toBe(0);

  release();
  const logIn = page.getByRole('button', { name: 'Log in', exact: true });
  await page.getByText('Demo estate').waitFor();
  const before = await logIn.boundingBox();
  // Nothing more arrives to move it: the button stays where it was drawn.
  await page.waitForLoadState('networkidle');
  expect(await logIn.boundingBox()).toEqual(before);
  await page.getByLabel('Username').fill('alice');
  await page.getByLabel('Password').fill('cairn-demo');
  await logIn.click();
  await page.getByRole('heading', { name: 'Good to see you, alice' }).waitFor();
});
