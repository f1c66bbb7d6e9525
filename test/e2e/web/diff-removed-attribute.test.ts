import { expect } from 'vitest';
import { describeFlow } from '../../helpers/browser.js';

/*
 * A removed attribute in the diff: an admin gives an application wiki a `note`, then removes it (null in an
 * apply removes the key); the diff between the two revisions shows the old value struck and
 * "removed" where a new value would be, not a green "null".
 */
describeFlow(
  'the diff shows a removed attribute as removed',
  async (flow) => {
    const page = await flow.page('admin');
    const csrf = (await page.context().cookies()).find((c) => c.name === 'cairn_csrf')?.value ?? '';
    const apply = async (note: string | null): Promise<number> => {
      const answer = await page.request.post(`${flow.demo.url}/api/v1/apply`, {
        data: { cis: [{ class: 'application', name: 'wiki', attributes: { note } }], relations: [] },
        headers: { 'x-csrf-token': csrf },
      });
      expect(answer.status(), await answer.text()).toBe(200);
      const body = (await answer.json()) as { revision: number | null };
      expect(body.revision).not.toBeNull();
      return body.revision!;
    };
    const added = await apply('kept for audits');
    const removed = await apply(null);

    await page.goto(`${flow.demo.url}/history/diff?from=${added}&to=${removed}`);
    const diff = page.getByRole('table', { name: 'CIs diff' });
    const row = diff.getByRole('row', {
      name: /application\/wiki\s+attributes\.note\s+kept for audits\s+removed/,
    });
    await row.waitFor();
    await expect(row.locator('del').textContent()).resolves.toBe('kept for audits');
    await expect(row.getByText('null', { exact: true }).count()).resolves.toBe(0);
    await flow.screenshot(page, 'diff-removed-attribute');
  },
  { freshDemo: true },
);
