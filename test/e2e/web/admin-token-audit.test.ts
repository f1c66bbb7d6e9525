import { expect } from 'vitest';
import { describeFlow, seriousA11yViolations } from '../../helpers/browser.js';

/**
 * The admin's flow: create an API token on the tokens page (its value shown once, and it works
 * against the API), then verify the audit chain on the audit page; and the read-only auditor
 * verifies too, without being offered the admin's pages.
 */
describeFlow('web UI: admin creates a token and verifies the audit chain', async (flow) => {
  const page = await flow.page('admin');
  await page.getByRole('link', { name: 'API tokens' }).click();
  await page.getByRole('heading', { name: 'API tokens', level: 1 }).waitFor();
  // One demo serves both widths: each creates a token of its own name.
  const name = `pipeline-${flow.width}`;
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Role').selectOption('implementer');
  await page.getByRole('button', { name: 'Create token' }).click();
  const value = (await page.getByLabel('New token value').textContent()) ?? '';
  expect(value).toMatch(/^cairn_/);
  await page.getByRole('button', { name: `Revoke ${name}` }).waitFor();
  expect(await seriousA11yViolations(page)).toEqual([]);
  await flow.screenshot(page, 'admin-token-created');

  // The value shown once is a working token with the role chosen.
  const session = await fetch(`${flow.demo.url}/api/v1/session`, { headers: { authorization: `Bearer ${value}` } });
  expect(await session.json()).toMatchObject({ name: `token:${name}`, roles: ['implementer'] });
  // Shown once: after "Done" the page has it nowhere.
  await page.getByRole('button', { name: 'Done' }).click();
  expect(await page.content()).not.toContain(value);

  await page.getByRole('link', { name: 'Audit' }).click();
  await page.getByRole('button', { name: 'Verify the audit chain' }).click();
  await page.getByText('The audit chain verifies.').waitFor();
  expect(await page.getByRole('status').first().textContent()).toMatch(/\d+ revisions/);
  // Recorded: the list of verifications names who verified.
  await page
    .getByRole('table', { name: 'Recent verifications' })
    .getByRole('cell', { name: 'admin' })
    .first()
    .waitFor();
  expect(await seriousA11yViolations(page)).toEqual([]);
  await flow.screenshot(page, 'admin-audit-verified');

  // The auditor verifies the chain, reads the policy, and is offered no administration that writes.
  const grace = await flow.page('grace');
  const nav = grace.getByRole('navigation');
  for (const hidden of ['Users', 'API tokens', 'Webhooks'])
    expect(await nav.getByRole('link', { name: hidden }).count()).toBe(0);
  await nav.getByRole('link', { name: 'Policy' }).click();
  await grace.getByLabel('The policy in force, as YAML').waitFor();
  expect(await grace.getByRole('button', { name: 'Edit as YAML' }).count()).toBe(0);
  await nav.getByRole('link', { name: 'Audit' }).click();
  await grace.getByRole('button', { name: 'Verify the audit chain' }).click();
  await grace.getByText('The audit chain verifies.').waitFor();
  await grace.goto(`${flow.demo.url}/admin/tokens`);
  await grace.getByText(/do not open this page/).waitFor();
  await flow.screenshot(grace, 'auditor-no-tokens');
});
