import { afterAll, describe, expect, it } from 'vitest';
import { openServices } from '../../src/app/open-services.js';
import { fixedClock } from '../../src/core/shared/clock.js';
import { loadDemo } from '../../src/demo/load-demo.js';
import { engines } from '../helpers/engines.js';

/**
 * The demo loads on any day of the year. Its changes are implemented now and scheduled days ahead,
 * and the server refuses both inside a freeze: the year-end freeze it plans around must never be
 * the one running or about to start (it failed to load from mid-December on).
 */
const DAYS = ['2026-06-15T09:00:00Z', '2026-12-12T09:00:00Z', '2026-12-24T09:00:00Z', '2027-01-02T09:00:00Z'];

for (const harness of engines()) {
  describe(`the demo on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    it.each(DAYS)('loads on %s, with its changes where the story puts them', async (day) => {
      const opened = await openServices(await harness.newDatabaseUrl(), { clock: fixedClock(day, 1000) });
      try {
        const s = opened.services;
        await s.cmdb.initialize('cairn');
        const demo = await loadDemo(s, new Date(day));
        expect(demo.loaded).toBe(true);
        const states = await Promise.all(demo.changes.map(async (ref) => (await s.changes.get(ref)).state));
        expect(states).toEqual(['closed', 'implemented', 'submitted', 'scheduled', 'scheduled']);
        // The bastion change sits in the freeze by an override; the others keep clear of it.
        const bastion = await s.changes.get(demo.changes[4]!);
        expect(bastion.window!.start > day).toBe(true);
        // checkout 3.3.0 went through staging and may go to production: the deploy-release template covers it.
        const [checkout] = (await s.pipeline.view({ service: 'service/checkout' })).services;
        expect(checkout!.cells.map((c) => c.current?.version ?? null)).toEqual(['3.3.0', '3.3.0', '3.3.0', null]);
        expect(checkout!.cells[3]!.next?.answer).toMatchObject({ decision: 'allow', reasons: [] });
      } finally {
        await opened.close();
      }
    });
  });
}
