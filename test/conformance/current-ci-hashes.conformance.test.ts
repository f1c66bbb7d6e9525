import { afterAll, describe, expect, it } from 'vitest';
import { createCmdbServices, type CmdbServices } from '../../src/core/cmdb/cmdb-services.js';
import type { CiRef } from '../../src/core/ci/desired-state.js';
import { engines } from '../helpers/engines.js';
import { makeCi, meta } from '../helpers/fixtures.js';
import { driverEvents } from '../helpers/pg-driver-events.js';

/**
 * Servers s00 … s19, a rack r1; s05 changed once (a past version), s07 deleted. `estateRev` is the
 * revision that made them, before either.
 */
async function setup(newStore: () => Promise<CmdbServices['store']>): Promise<CmdbServices & { estateRev: number }> {
  const s = createCmdbServices(await newStore());
  await s.cmdb.initialize('t');
  const servers = Array.from({ length: 20 }, (_, i) => makeCi({ name: `s${String(i).padStart(2, '0')}` }));
  const estate = await s.cmdb.apply(
    { cis: [...servers, { class: 'rack', name: 'r1', attributes: {} }], relations: [] },
    meta('estate'),
  );
  await s.cmdb.apply({ cis: [makeCi({ name: 's05', attributes: { cpu: 8 } })], relations: [] }, meta('s05'));
  await s.cmdb.apply({ cis: [], relations: [], delete: { cis: ['server/s07'] } }, meta('s07 gone'));
  return { ...s, estateRev: estate.revision!.rev };
}

const server = (name: string): CiRef => ({ class: 'server', name });

for (const harness of engines()) {
  describe(`the current CIs' ids and hashes by reference on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    /** What currentCiHashes answers, sorted, against the current versions getCisByRef reads. */
    async function expectHashes(s: CmdbServices, refs: CiRef[], current: CiRef[]): Promise<void> {
      const got = await s.store.currentCiHashes(refs);
      const want = await s.store.getCisByRef(current);
      const key = (v: { class: string; name: string }) => `${v.class}/${v.name}`;
      expect(
        got
          .map((v) => ({ id: v.id, class: v.class, name: v.name, hash: v.hash }))
          .sort((a, b) => (key(a) < key(b) ? -1 : 1)),
      ).toEqual(
        want
          .map((v) => ({ id: v.id, class: v.class, name: v.name, hash: v.hash }))
          .sort((a, b) => (key(a) < key(b) ? -1 : 1)),
      );
    }

    it('answers the current CIs named, in any order, with others stored between them', async () => {
      const s = await setup(() => harness.newStore());
      // Out of order, given twice, a changed CI (one current version), a deleted and an unknown one.
      const refs = ['s09', 's02', 's05', 's07', 's09', 's04', 'nope'].map(server);
      await expectHashes(
        s,
        [...refs, { class: 'rack', name: 'r1' }],
        [...['s02', 's04', 's05', 's09'].map(server), { class: 'rack', name: 'r1' }],
      );
    });

    it('answers names far apart, past as many stored between them as it would read at once', async () => {
      const s = await setup(() => harness.newStore());
      await expectHashes(s, ['s00', 's19', 's10'].map(server), ['s00', 's10', 's19'].map(server));
      await expectHashes(s, ['s19', 's00'].map(server), ['s00', 's19'].map(server));
      await expectHashes(s, [], []);
    });

    // PostgreSQL binds a batch's references as arrays: one statement, however many classes and names.
    if (harness.engine === 'postgres')
      it('reads a batch of references of several classes in one statement', async () => {
        const s = await setup(() => harness.newStore());
        const refs: CiRef[] = ['server', 'rack', 'database'].flatMap((cls) =>
          Array.from({ length: 600 }, (_, i) => ({ class: cls, name: `s${String(i).padStart(2, '0')}` })),
        );
        let got: { class: string; name: string }[] = [];
        const sent = await driverEvents(async () => (got = await s.store.currentCiHashes(refs)));
        expect(sent).toHaveLength(1);
        // s00 … s19 but the deleted s07; no rack or database of those names.
        expect(got.map((v) => `${v.class}/${v.name}`).sort()).toEqual(
          Array.from({ length: 20 }, (_, i) => `server/s${String(i).padStart(2, '0')}`).filter(
            (r) => r !== 'server/s07',
          ),
        );
      });
  });
}

for (const harness of engines()) {
  describe(`CIs and their digests by reference on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    const refOf = (v: { class: string; name: string }) => `${v.class}/${v.name}`;
    /** Reference, cpu and status of each version, sorted by reference. */
    const summary = (vs: { class: string; name: string; status: string; attributes: Record<string, unknown> }[]) =>
      vs.map((v) => `${refOf(v)} cpu=${String(v.attributes.cpu)} ${v.status}`).sort();

    it('reads several CIs now, each once, and as of a past revision', async () => {
      const s = await setup(() => harness.newStore());
      const refs = [...['s09', 's05', 's07', 's09', 'nope'].map(server), { class: 'rack', name: 'r1' }];
      expect(summary(await s.store.getCisByRef(refs))).toEqual([
        'rack/r1 cpu=undefined active',
        'server/s05 cpu=8 active',
        'server/s09 cpu=2 active',
      ]);
      // Before s05 changed and s07 was deleted: their versions of then, s07 among them.
      expect(summary(await s.store.getCisByRef(refs, s.estateRev))).toEqual([
        'rack/r1 cpu=undefined active',
        'server/s05 cpu=2 active',
        'server/s07 cpu=2 active',
        'server/s09 cpu=2 active',
      ]);
      // Before the estate: nothing.
      expect(await s.store.getCisByRef(refs, s.estateRev - 1)).toEqual([]);
      expect(await s.store.getCisByRef([])).toEqual([]);
    });

    it("reads the current CIs' digests, each once, with their labels", async () => {
      const s = await setup(() => harness.newStore());
      await s.cmdb.apply(
        { cis: [makeCi({ name: 's03', labels: { team: 'ops' } })], relations: [] },
        meta('s03 labelled'),
      );
      const refs = ['s03', 's07', 's03', 'nope', 's05'].map(server);
      const digests = await s.store.currentCiDigests(refs);
      const current = await s.store.getCisByRef(['s03', 's05'].map(server));
      const view = (v: {
        id: string;
        class: string;
        name: string;
        status: string;
        labels: Record<string, string>;
        hash: string;
      }) => ({
        id: v.id,
        ref: refOf(v),
        status: v.status,
        labels: v.labels,
        hash: v.hash,
      });
      expect(digests.map(view).sort((a, b) => (a.ref < b.ref ? -1 : 1))).toEqual(
        current.map(view).sort((a, b) => (a.ref < b.ref ? -1 : 1)),
      );
      expect(digests.find((d) => d.name === 's03')!.labels).toEqual({ team: 'ops' });
      expect(await s.store.currentCiDigests([])).toEqual([]);
    });

    // PostgreSQL binds the references as arrays: one statement, however many classes and names.
    if (harness.engine === 'postgres')
      it('reads CIs and digests of several classes in one statement each', async () => {
        const s = await setup(() => harness.newStore());
        const refs: CiRef[] = ['server', 'rack', 'database'].flatMap((cls) =>
          Array.from({ length: 600 }, (_, i) => ({ class: cls, name: `s${String(i).padStart(2, '0')}` })),
        );
        const all = Array.from({ length: 20 }, (_, i) => `server/s${String(i).padStart(2, '0')}`);
        const now = all.filter((r) => r !== 'server/s07');
        const reads: [() => Promise<{ class: string; name: string }[]>, string[]][] = [
          [() => s.store.getCisByRef(refs), now],
          [() => s.store.getCisByRef(refs, s.estateRev), all],
          [() => s.store.currentCiDigests(refs), now],
        ];
        for (const [read, want] of reads) {
          let got: { class: string; name: string }[] = [];
          const sent = await driverEvents(async () => (got = await read()));
          expect(sent).toHaveLength(1);
          expect(got.map(refOf).sort()).toEqual(want);
        }
      });
  });
}
