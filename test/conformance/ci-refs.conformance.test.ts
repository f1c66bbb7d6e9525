import { afterAll, describe, expect, it } from 'vitest';
import { createCmdbServices } from '../../src/core/cmdb/cmdb-services.js';
import { engines } from '../helpers/engines.js';
import { makeCi, meta } from '../helpers/fixtures.js';

/** More CIs than one `in` list holds (500), so SQLite's chunks and PostgreSQL's one array both show. */
const MANY = 620;

for (const harness of engines()) {
  describe(`CI references by id (getCiRefsById) on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    async function history() {
      const store = await harness.newStore();
      const s = createCmdbServices(store);
      await s.cmdb.initialize('tester');
      const names = Array.from({ length: MANY }, (_, i) => `n-${String(i).padStart(4, '0')}`);
      names[7] = 'zürich-東京-🚀';
      const first = await s.cmdb.apply({ cis: names.map((name) => makeCi({ name })), relations: [] }, meta('many'));
      const changed = await s.cmdb.apply(
        { cis: [makeCi({ name: names[3]!, attributes: { cpu: 64 } })], relations: [] },
        meta('changed'),
      );
      const removed = await s.cmdb.deleteCis([{ class: 'server', name: names[5]! }], meta('gone'));
      const added = await s.cmdb.apply({ cis: [makeCi({ name: 'late' })], relations: [] }, meta('late'));
      const all = await store.getCisByRef(
        [...names, 'late'].map((name) => ({ class: 'server', name })),
        first.revision!.rev,
      );
      const idOf = new Map(all.map((v) => [v.name, v.id]));
      const late = (await store.getCisByRef([{ class: 'server', name: 'late' }]))[0]!.id;
      return { store, names, idOf, late, revs: [first, changed, removed, added].map((o) => o.revision!.rev) };
    }

    const sorted = (refs: { id: string; class: string; name: string }[]) =>
      refs.map((r) => `${r.id} ${r.class}/${r.name}`).sort();

    it('names every CI live at the revision asked, in one read whatever the number of ids, the same as the full versions', async () => {
      const { store, names, idOf, late, revs } = await history();
      const [first, changed, removed] = revs as [number, number, number, number];
      const ids = [...names.map((n) => idOf.get(n)!), late, 'ci_unknown', idOf.get(names[0]!)!];
      for (const at of [first - 1, first, changed, removed, undefined]) {
        const refs = await store.getCiRefsById(ids, at);
        const full = await store.getCisById(ids, at);
        expect(sorted(refs)).toEqual(sorted(full.map((v) => ({ id: v.id, class: v.class, name: v.name }))));
      }
      expect(await store.getCiRefsById(ids, first - 1)).toEqual([]);
      const now = sorted(await store.getCiRefsById(ids));
      expect(now).toHaveLength(MANY); // one removed, one added later, the unknown id and the repeat left out
      expect(now).toContain(`${idOf.get(names[7]!)} server/zürich-東京-🚀`);
      expect(now).toContain(`${late} server/late`);
      expect(now.some((r) => r.startsWith(`${idOf.get(names[5]!)} `))).toBe(false);
      const beforeRemoval = sorted(await store.getCiRefsById([idOf.get(names[5]!)!], changed));
      expect(beforeRemoval).toEqual([`${idOf.get(names[5]!)} server/${names[5]}`]);
      expect(await store.getCiRefsById([])).toEqual([]);
    });

    it('answers the same in a write transaction as on the pool', async () => {
      const { store, names, idOf, revs } = await history();
      const ids = names.slice(0, 10).map((n) => idOf.get(n)!);
      const inTransaction = await store.write((tx) => tx.getCiRefsById(ids, revs[1]));
      expect(sorted(inTransaction)).toEqual(sorted(await store.getCiRefsById(ids, revs[1])));
      expect(inTransaction).toHaveLength(10);
    });
  });
}
