import { expect } from 'vitest';
import { describeFlow } from '../../helpers/browser.js';

/*
 * A CI page shows the references waiting for their target: an admin imports an application that
 * depends on a database no input or CI holds yet; the application's page lists the reference as
 * waiting, and once an apply adds the database, as resolved in that revision (and the
 * relationship is there).
 */
describeFlow(
  'the CI page shows unresolved references until their target arrives',
  async (flow) => {
    const page = await flow.page('admin');
    const csrf = (await page.context().cookies()).find((c) => c.name === 'cairn_csrf')?.value ?? '';
    const post = async (path: string, data: unknown) => {
      const answer = await page.request.post(`${flow.demo.url}/api/v1/${path}`, {
        data,
        headers: { 'x-csrf-token': csrf },
      });
      expect(answer.status(), await answer.text()).toBe(200);
      return (await answer.json()) as { revision: number | null; unresolved?: unknown[] };
    };
    const imported = await post('import', {
      source: 'catalog:billing',
      cis: [{ class: 'application', name: 'billing' }],
      relations: [{ type: 'depends_on', from: 'application/billing', to: 'database/ledger' }],
      positions: {
        cis: [{ file: 'catalog-info.yaml', location: 'document 1' }],
        relations: [{ file: 'catalog-info.yaml', location: 'document 1, spec.dependsOn' }],
      },
    });
    expect(imported.unresolved).toHaveLength(1);

    await page.goto(`${flow.demo.url}/cis/application/billing`);
    const table = page.getByRole('table', { name: 'Unresolved references' });
    const row = table.getByRole('row', { name: /application\/billing depends_on database\/ledger/ });
    await row.waitFor();
    await expect(row.textContent()).resolves.toMatch(/catalog-info\.yaml · document 1, spec\.dependsOn/);
    await expect(row.getByText('waiting').count()).resolves.toBe(1);
    await expect(page.getByRole('heading', { name: 'Unresolved references (1 waiting)' }).count()).resolves.toBe(1);
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    await flow.screenshot(page, 'ci-unresolved-refs-waiting');

    const applied = await post('apply', { cis: [{ class: 'database', name: 'ledger' }], relations: [] });
    await page.reload();
    const resolved = page.getByRole('link', { name: `resolved in revision ${applied.revision}` });
    await resolved.waitFor();
    await expect(page.getByRole('heading', { name: 'Unresolved references (0 waiting)' }).count()).resolves.toBe(1);
    // The relationships table loads by a request of its own: wait for it rather than count at once.
    const ledger = page.getByRole('table', { name: 'Relationships' }).getByRole('link', { name: 'database/ledger' });
    await ledger.waitFor();
    await expect(ledger.count()).resolves.toBe(1);
    await flow.screenshot(page, 'ci-unresolved-refs-resolved');
  },
  { freshDemo: true },
);
