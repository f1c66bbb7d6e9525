import { afterAll, describe, expect, it } from 'vitest';
import { createCmdbServices } from '../../src/core/cmdb/cmdb-services.js';
import type { ScannedCi } from '../../src/core/drift/drift.port.js';
import { fixedClock } from '../../src/core/shared/clock.js';
import { KyselyDriftStore } from '../../src/store/repositories/drift/drift.store.js';
import { engines } from '../helpers/engines.js';
import { meta, smallEstate } from '../helpers/fixtures.js';

/** What a drift check reads of a CI, its JSON columns parsed. */
const seen = (c: ScannedCi) => ({
  id: c.id,
  ref: `${c.class}/${c.name}`,
  status: c.status,
  attributes: c.attributes,
  labels: c.labels,
  source: c.source,
});

for (const harness of engines()) {
  describe(`a drift check's scan of the authorized CIs, on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    it('reads every CI live at a revision, now and in the past, in pages no larger than asked', async () => {
      const store = await harness.newStore();
      const s = createCmdbServices(store, { clock: fixedClock('2026-03-01T09:00:00.000Z', 1000) });
      await s.cmdb.initialize('tester');
      const first = (await s.cmdb.apply(smallEstate(), meta('estate'))).revision!.rev;
      const names = Array.from({ length: 5 }, (_, i) => `node-${i}`);
      await s.cmdb.apply(
        { cis: names.map((name, i) => ({ class: 'server', name, attributes: { cpu: i + 1 }, labels: { n: name } })) },
        meta('more'),
      );
      // Changed after `first`: as of `first` its ended version is the live one (the scan's past part).
      await s.cmdb.apply(
        {
          cis: [
            { class: 'server', name: 'node-1', attributes: { cpu: 9 } },
            { class: 'application', name: 'shop-frontend', attributes: { environment: 'staging' } },
          ],
        },
        meta('changed'),
      );
      const drift = new KyselyDriftStore(store);
      const classes = ['server', 'application', 'business_service', 'database', 'rack', 'virtual_machine'];

      for (const at of [undefined, first]) {
        const sizes: number[] = [];
        const scanned: ScannedCi[] = [];
        for await (const page of drift.scanCis({ classes, sources: [], at, pageSize: 2 })) {
          sizes.push(page.length);
          scanned.push(...page);
        }
        expect(Math.max(...sizes)).toBeLessThanOrEqual(2);
        const live = (await store.listCis({ limit: 1000, at })).filter((c) => classes.includes(c.class));
        const app = live.find((c) => c.name === 'shop-frontend')!;
        expect(app.attributes.environment).toBe(at === undefined ? 'staging' : 'production');
        expect(scanned.map(seen).sort((a, b) => a.ref.localeCompare(b.ref))).toEqual(
          live.map(seen).sort((a, b) => a.ref.localeCompare(b.ref)),
        );
      }
      // Attributes are parsed on each read: two reads are equal values, not one shared object.
      const node1 = (await s.cmdb.getCi({ class: 'server', name: 'node-1' })).id;
      for await (const page of drift.scanCis({ classes: ['server'], sources: [], pageSize: 10 }))
        for (const c of page.filter((x) => x.id === node1)) {
          expect(c.attributes).toEqual({ cpu: 9 });
          expect(c.attributes).not.toBe(c.attributes);
          expect(c.labels).toEqual({ n: 'node-1' });
        }
    });

    it("reads sources and names of any text, and pages by the engine's order of class and name", async () => {
      const store = await harness.newStore();
      const s = createCmdbServices(store, { clock: fixedClock('2026-03-01T09:00:00.000Z', 1000) });
      await s.cmdb.initialize('tester');
      // A page is read as one text joined by control characters (ScannedPages): a source may hold
      // them, and names that order differently by UTF-16 and by bytes must page without a gap.
      const sources = ['a\u001eb\u001fc', '', 'é\u{1F600}', null];
      const names = ['n-\uFFFD', 'n-\u{1F600}', 'n-a', 'n-é', 'n-\u00FF', 'n-Z', 'n-\uE000'];
      for (const [i, name] of names.entries()) {
        const source = sources[i % sources.length]!;
        await s.cmdb.apply(
          {
            cis: [
              { class: 'server', name, attributes: { cpu: i + 1, note: 'x\u001ey' }, labels: { k: `v\u001f${i}` } },
            ],
          },
          source === null ? { author: 'tester', message: 'odd' } : { ...meta('odd'), source },
        );
      }
      const drift = new KyselyDriftStore(store);
      const live = (await store.listCis({ limit: 1000 })).filter((c) => c.class === 'server');
      for (const pageSize of [1, 2, 3, 100]) {
        const scanned: ScannedCi[] = [];
        for await (const page of drift.scanCis({ classes: ['server'], sources: [], pageSize })) scanned.push(...page);
        expect(scanned.map(seen).sort((a, b) => a.ref.localeCompare(b.ref))).toEqual(
          live.map(seen).sort((a, b) => a.ref.localeCompare(b.ref)),
        );
      }
      expect(new Set(live.map((c) => c.source))).toEqual(new Set(['a\u001eb\u001fc', '', 'é\u{1F600}', null]));
    });
  });
}
