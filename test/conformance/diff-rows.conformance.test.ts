import { afterAll, describe, expect, it } from 'vitest';
import { createCmdbServices } from '../../src/core/cmdb/cmdb-services.js';
import { fixedClock } from '../../src/core/shared/clock.js';
import { engines } from '../helpers/engines.js';
import { makeCi, meta, smallEstate } from '../helpers/fixtures.js';

/** Longer than the texts the diff's JSON interner keeps: parsed on their own each time. */
const long = { description: 'x'.repeat(120), cpu: 8, tags: ['a', 'b'], nested: { on: true, off: null } };

for (const harness of engines()) {
  describe(`a diff's versions read as row arrays, on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    async function history() {
      const store = await harness.newStore();
      const s = createCmdbServices(store, { clock: fixedClock('2026-03-01T09:00:00.000Z', 1000) });
      await s.cmdb.initialize('tester');
      const estate = smallEstate();
      estate.relations[1] = { ...estate.relations[1]!, attributes: { port: 80 } };
      await s.cmdb.apply(estate, meta('estate')); // 2
      await s.cmdb.apply(
        {
          cis: [{ class: 'server', name: 'web-01', attributes: long, labels: { team: 'ops' } }],
          relations: [
            { type: 'runs_on', from: 'application/shop-frontend', to: 'server/web-01', attributes: { port: 443 } },
          ],
        },
        meta('both'),
      ); // 3
      await s.cmdb.deleteCis([{ class: 'rack', name: 'r1' }], meta('rack gone')); // 4
      return { store, s };
    }

    it('reads each field of each version, with the same answer in a write transaction as on the pool', async () => {
      const { store, s } = await history();
      const chains = await store.versionChainsBetween(2, 4);
      const inTransaction = await store.write((tx) => tx.versionChainsBetween(2, 4));
      expect(inTransaction).toEqual(chains);

      const web01 = chains.cisBegun.find((v) => v.name === 'web-01')!;
      expect(web01).toMatchObject({ class: 'server', status: 'active', revFrom: 3, revTo: null, source: 'test' });
      expect(web01.attributes).toMatchObject(long);
      expect(web01.labels).toEqual({ team: 'ops' });
      expect(web01.attributeSources).toEqual({});
      expect(web01.hash).toMatch(/.{20,}/);
      expect(chains.cisEnded.map((v) => [v.name, v.revFrom, v.revTo]).sort()).toEqual([
        ['r1', 2, 4],
        ['web-01', 2, 3],
      ]);
      const runsOn = chains.relationsBegun.find((r) => r.attributes['port'] === 443)!;
      expect(runsOn).toMatchObject({ type: 'runs_on', revFrom: 3, revTo: null, source: 'test' });
      expect(typeof runsOn.sourceId).toBe('string');
      expect(runsOn.sourceId).not.toBe(runsOn.targetId);
      expect(chains.relationsEnded.map((r) => [r.type, r.revFrom, r.revTo, r.attributes]).sort()).toEqual([
        ['contains', 2, 4, {}],
        ['runs_on', 2, 3, { port: 80 }],
      ]);

      const d = await s.history.diff(2, 4);
      expect(d.modified.map((m) => [m.ref, m.changes.map((c) => [c.path, c.from, c.to, c.change])])).toEqual([
        [
          'server/web-01',
          [
            ['attributes.cpu', expect.anything(), 8, 'changed'],
            ['attributes.description', null, long.description, 'added'],
            ['attributes.nested', null, long.nested, 'added'],
            ['attributes.tags', null, long.tags, 'added'],
            ['labels.team', 'web', 'ops', 'changed'],
          ],
        ],
      ]);
      expect(d.relations.modified.map((m) => [m.ref, m.changes.map((c) => [c.path, c.from, c.to])])).toEqual([
        ['application/shop-frontend runs_on server/web-01', [['attributes.port', 80, 443]]],
      ]);
      expect(d.removed.map((r) => r.ref)).toEqual(['rack/r1']);
      expect(d.relations.removed.map((r) => r.ref)).toEqual(['rack/r1 contains server/web-01']);
    });

    it('gives the versions the row objects of versionsChangedBetween give: JSON nulls, unicode, removed CIs', async () => {
      const store = await harness.newStore();
      const s = createCmdbServices(store, { clock: fixedClock('2026-03-01T09:00:00.000Z', 1000) });
      await s.cmdb.initialize('tester');
      await s.cmdb.apply(smallEstate(), meta('estate')); // 2
      const odd = { note: null, city: 'Zürich — 東京 🚀', quote: 'say "hi"\\n', empty: {}, list: [null, 1.5, -0.25] };
      await s.cmdb.apply(
        {
          cis: [
            { class: 'server', name: 'web-01', attributes: odd, labels: { équipe: 'ops ✓' } },
            makeCi({ name: 'ünïcode-01', attributes: {} }),
          ],
          relations: [{ type: 'runs_on', from: 'application/shop-frontend', to: 'server/web-01', attributes: odd }],
        },
        meta('odd'),
      ); // 3
      await s.cmdb.deleteCis([{ class: 'rack', name: 'r1' }], meta('rack gone')); // 4
      for (const [lo, hi] of [
        [2, 3],
        [3, 4],
        [2, 4],
      ] as const) {
        const chains = await store.versionChainsBetween(lo, hi);
        const objects = await store.versionsChangedBetween(lo, hi);
        const bare = <T extends { attributeSources?: unknown }>(v: T) => ({ ...v, attributeSources: {} });
        const byId = <T extends { id: string }>(vs: T[]) => [...vs].sort((a, b) => (a.id < b.id ? -1 : 1));
        expect(byId(chains.cisEnded)).toEqual(byId(objects.cisBefore.map(bare)));
        // Nothing in these ranges begins and ends again, so every version begun is live at hi.
        expect(byId(chains.cisBegun)).toEqual(byId(objects.cisAfter.map(bare)));
        expect(byId(chains.relationsEnded)).toEqual(byId(objects.relationsBefore));
        expect(byId(chains.relationsBegun)).toEqual(byId(objects.relationsAfter));
      }
      const begun = await store.versionChainsBetween(2, 3);
      // A null attribute in a document unsets it; the nulls inside a value are kept.
      const { note: _unset, ...kept } = odd;
      const web01 = begun.cisBegun.find((v) => v.name === 'web-01')!;
      expect(web01).toMatchObject({ attributes: kept, labels: { équipe: 'ops ✓' } });
      expect('note' in web01.attributes).toBe(false);
      expect(begun.cisBegun.find((v) => v.name === 'ünïcode-01')!.attributes).toEqual({});
      expect(begun.relationsBegun.find((r) => r.type === 'runs_on')!.attributes).toMatchObject(kept);
      const removed = await store.versionChainsBetween(3, 4);
      expect(removed.cisEnded.map((v) => [v.name, v.revTo])).toEqual([['r1', 4]]);
      expect(removed.cisBegun).toEqual([]);
    });

    it('reads revision headers with the same time text as the revision itself, to the millisecond', async () => {
      const store = await harness.newStore();
      // Times 123 ms apart: whole seconds, and milliseconds with and without trailing zeros.
      const s = createCmdbServices(store, { clock: fixedClock('2026-03-01T09:00:00.000Z', 123) });
      await s.cmdb.initialize('tester');
      for (let i = 0; i < 12; i++)
        await s.cmdb.apply(
          { cis: [makeCi({ name: `t-${i}`, attributes: { cpu: i + 1 } })], relations: [] },
          meta(`r${i}`),
        );
      const head = (await store.head())!.rev;
      const revs = Array.from({ length: head }, (_, i) => i + 1);
      const headers = await store.revisionsIn(revs);
      expect(headers.map((h) => h.rev).sort((a, b) => a - b)).toEqual(revs);
      for (const h of headers) expect(h.at).toBe((await store.getRevision(h.rev))!.at);
      expect(new Set(headers.map((h) => h.at.slice(-5, -1))).size).toBeGreaterThan(8);
      expect(headers.every((h) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(h.at))).toBe(true);
    });
  });
}
