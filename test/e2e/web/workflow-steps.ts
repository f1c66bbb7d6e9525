import type { Page } from 'playwright-core';

/**
 * Raises and submits, as the logged-in user of `page`, a normal change to payments-db (a
 * critical database: high risk, so the CAB must approve it as well as a change manager), through
 * the API the page itself uses. Returns its CHG-n.
 */
export async function submitRiskyChange(page: Page, title: string): Promise<string> {
  return page.evaluate(async (changeTitle) => {
    const csrf =
      /(?:^|;\s*)cairn_csrf=([^;]+)/.exec(
        (globalThis as unknown as { document: { cookie: string } }).document.cookie,
      )?.[1] ?? '';
    const headers = { 'content-type': 'application/json', 'x-csrf-token': decodeURIComponent(csrf) };
    const start = new Date(Date.now() + 5 * 86_400_000);
    const created = await fetch('/api/v1/changes', {
      method: 'POST',
      headers,
      body: JSON.stringify({
        type: 'normal',
        title: changeTitle,
        justification: 'Storage is running out.',
        window: { start: start.toISOString(), end: new Date(start.getTime() + 3_600_000).toISOString() },
        plan: { cis: [{ class: 'database', name: 'payments-db', attributes: { storage_gb: 800 } }] },
      }),
    });
    const { ref } = (await created.json()) as { ref: string };
    await fetch(`/api/v1/changes/${ref}/submit`, { method: 'POST', headers, body: '{}' });
    return ref;
  }, title);
}
