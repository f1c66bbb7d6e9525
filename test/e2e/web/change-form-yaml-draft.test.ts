import { expect } from 'vitest';
import { describeFlow, seriousA11yViolations } from '../../helpers/browser.js';
import { demoFreezeYear } from '../../../src/demo/sample-estate.js';

const year = demoFreezeYear(new Date());

/**
 * The change form beyond the first draft: a plan written in YAML with its mistakes named as they
 * are typed, the conflicts of a window in the freeze shown before saving, a draft edited, and a
 * scheduled change replanned with what that does to its approval said on screen. Each run starts
 * on a fresh demo, since it replans the demo's scheduled change.
 */
describeFlow(
  'Alice writes a plan in YAML, sees its errors and a live conflict, edits her draft and replans a scheduled change',
  async (flow) => {
    // The preview answers 400 while the YAML names no CI: the browser logs that refusal.
    const page = await flow.page('alice', { allowConsoleErrors: /status of 400/ });
    await page.goto(`${flow.demo.url}/changes/new`);
    await page.getByRole('heading', { name: 'Request a change' }).waitFor();
    await page.getByLabel('Title').fill('Patch payments-db to 16.5');
    await page.getByRole('button', { name: 'Write YAML' }).click();
    const editor = page.getByLabel('Plan (YAML, as under plan: in change.yaml)');
    // Not YAML at all: where it breaks, said at once.
    await editor.fill('cis:\n  - class: database\n    name: [payments-db\n');
    await page
      .getByRole('alert')
      .getByText(/^YAML line \d+, column \d+/)
      .waitFor();
    // YAML, but a CI without its name: the server names the field.
    await editor.fill("cis:\n  - class: database\n    attributes:\n      version: '16.5'\n");
    await page.getByRole('list', { name: 'Fields to mend' }).getByText('plan.cis[0].name').waitFor();
    await flow.screenshot(page, 'change-form-yaml-error');
    await editor.fill("cis:\n  - class: database\n    name: payments-db\n    attributes:\n      version: '16.5'\n");
    const preview = page.getByRole('table', { name: 'Plan, old and new values' });
    await preview.getByRole('cell', { name: '16.5' }).waitFor();
    expect(await preview.getByRole('cell', { name: '16.3' }).count()).toBe(1);
    // A window inside the year-end freeze: the conflicts show before anything is saved.
    await page.getByLabel(/^Window start/).fill(`${year}-12-22T10:00`);
    await page.getByLabel(/^Window end/).fill(`${year}-12-22T11:00`);
    const conflicts = page.getByRole('list', { name: 'Conflicts in this window' });
    await conflicts.getByText(/overlaps freeze year-end/).waitFor();
    await conflicts.getByText(/also sets attribute "version" of database\/payments-db/).waitFor();
    await flow.screenshot(page, 'change-form-live-conflict');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Save as draft' }).click();
    await page.getByRole('heading', { name: /CHG-\d+ Patch payments-db to 16\.5/ }).waitFor();

    // Edit the draft: its fields and plan come back into the form (the plan in rows, as it sets attributes only).
    await page.getByRole('link', { name: 'Edit draft' }).click();
    await page.getByRole('heading', { name: /^Edit CHG-\d+$/ }).waitFor();
    expect(await page.getByLabel('Title').inputValue()).toBe('Patch payments-db to 16.5');
    expect(await page.getByLabel('Attribute').inputValue()).toBe('version');
    await page.getByLabel('Title').fill('Patch payments-db to 16.6');
    await page.getByLabel('New value').fill('16.6');
    await page.getByLabel(/^Window start/).fill(`${year + 1}-02-10T10:00`);
    await page.getByLabel(/^Window end/).fill(`${year + 1}-02-10T11:00`);
    await preview.getByRole('cell', { name: '16.6' }).waitFor();
    await conflicts.getByText(/also sets attribute "version"/).waitFor();
    expect(await conflicts.getByText(/freeze/).count()).toBe(0);
    await page.getByRole('button', { name: 'Save the draft' }).click();
    await page.getByRole('heading', { name: /CHG-\d+ Patch payments-db to 16\.6/ }).waitFor();
    const plan = page.getByRole('table', { name: 'Plan, old and new values' });
    await plan.getByRole('cell', { name: '16.6' }).waitFor();
    expect(await plan.getByRole('cell', { name: '16.3' }).count()).toBe(1);
    await flow.screenshot(page, 'change-draft-edited');

    // Replan the scheduled bastion change: the server's rule for its approval is said before saving.
    await page.goto(`${flow.demo.url}/changes`);
    await page.getByRole('link', { name: 'More memory for the bastion host' }).click();
    await page.getByRole('link', { name: 'Replan' }).click();
    await page.getByRole('heading', { name: /^Replan CHG-\d+$/ }).waitFor();
    await page.getByLabel('New value').fill('48');
    await page
      .getByRole('status')
      .getByText(
        /returns CHG-\d+ from scheduled to draft and voids the approval or rejection given so far: it must be submitted and approved again/,
      )
      .waitFor();
    await flow.screenshot(page, 'change-replan');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Save the new plan' }).click();
    await page.getByRole('heading', { name: /CHG-\d+ More memory for the bastion host/ }).waitFor();
    await page
      .getByText(/^Voided:/)
      .first()
      .waitFor();
    await page.getByRole('link', { name: 'Edit draft' }).waitFor();
  },
  { freshDemo: true },
);
