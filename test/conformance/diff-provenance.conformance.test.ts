import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../src/core/audit/verify.js';
import { createCmdbServices } from '../../src/core/cmdb/cmdb-services.js';
import { fixedClock } from '../../src/core/shared/clock.js';
import { engines } from '../helpers/engines.js';
import { makeCi, meta, smallEstate } from '../helpers/fixtures.js';
import { authorized, changeWorld, implementInWindow } from './change.harness.js';

const web01 = { class: 'server', name: 'web-01' };
const by = (author: string, message: string) => ({ author, message, source: 'test' });

for (const harness of engines()) {
  describe(`which revision and change made each diff line, on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    /** Revisions 2–6, each by its own author, so that a wrong revision shows as a wrong author too. */
    async function history() {
      const s = createCmdbServices(await harness.newStore(), { clock: fixedClock('2026-03-01T09:00:00.000Z', 1000) });
      await s.cmdb.initialize('tester');
      await s.cmdb.apply(smallEstate(), meta('estate')); // 2
      await s.cmdb.apply({ cis: [{ ...web01, attributes: { cpu: 8 } }], relations: [] }, by('r3', 'a')); // 3
      await s.cmdb.apply(
        {
          cis: [{ ...web01, labels: { team: 'ops' } }, makeCi({ name: 'web-03' })],
          relations: [{ type: 'runs_on', from: 'application/shop-frontend', to: 'server/web-03' }],
        },
        by('r4', 'b'),
      ); // 4
      await s.cmdb.apply(
        {
          cis: [
            { ...web01, attributes: { cpu: 16 } },
            { class: 'server', name: 'web-03', attributes: { cpu: 4 } },
          ],
          relations: [],
        },
        by('r5', 'c'),
      ); // 5: web-01's cpu changed again, web-03 changed after its creation
      await s.cmdb.deleteCis([{ class: 'rack', name: 'r1' }], by('r6', 'd')); // 6
      await s.cmdb.apply(
        { cis: [{ class: 'linux_server', name: 'web-02', attributes: { os: null } }], relations: [] },
        by('r7', 'e'),
      ); // 7
      return s;
    }

    it('credits each field to the last revision that changed it, an added CI to its creation, a removed one to its deletion', async () => {
      const s = await history();
      const d = await s.history.diff(2, 7);
      const web01Changes = d.modified.find((m) => m.ref === 'server/web-01')!.changes;
      expect(web01Changes.map((c) => [c.path, c.from, c.to, c.madeIn.rev, c.madeIn.author])).toEqual([
        ['attributes.cpu', 2, 16, 5, 'r5'],
        ['labels.team', 'web', 'ops', 4, 'r4'],
      ]);
      const web02 = d.modified.find((m) => m.ref === 'linux_server/web-02')!.changes;
      expect(web02).toEqual([
        {
          path: 'attributes.os',
          from: 'debian-12',
          to: null,
          change: 'removed',
          madeIn: { rev: 7, at: expect.any(String), author: 'r7', change: null, backoutOf: null },
        },
      ]);
      // web-03 was changed again in revision 5: it was still added by revision 4.
      expect(d.added.map((a) => [a.ref, a.madeIn.rev])).toEqual([['server/web-03', 4]]);
      expect(d.removed.map((r) => [r.ref, r.madeIn.rev])).toEqual([['rack/r1', 6]]);
      expect(d.relations.added.map((r) => [r.ref, r.madeIn.rev])).toEqual([
        ['application/shop-frontend runs_on server/web-03', 4],
      ]);
      expect(d.relations.removed.map((r) => [r.ref, r.madeIn.rev])).toEqual([['rack/r1 contains server/web-01', 6]]);
      const r4 = await s.store.getRevision(4);
      expect(d.added[0]!.madeIn).toEqual({ rev: 4, at: r4!.at, author: 'r4', change: null, backoutOf: null });
    });

    it('read backwards, names the revision whose work each line undoes', async () => {
      const s = await history();
      const back = await s.history.diff(7, 2);
      expect(back.removed.map((r) => [r.ref, r.madeIn.rev])).toEqual([['server/web-03', 4]]);
      expect(back.added.map((a) => [a.ref, a.madeIn.rev])).toEqual([['rack/r1', 6]]);
      expect(
        back.modified.find((m) => m.ref === 'server/web-01')!.changes.map((c) => [c.path, c.to, c.madeIn.rev]),
      ).toEqual([
        ['attributes.cpu', 2, 5],
        ['labels.team', 'web', 4],
      ]);
      // A narrower window credits what happened inside it only.
      const inner = await s.history.diff(3, 4);
      expect(inner.modified.find((m) => m.ref === 'server/web-01')!.changes.map((c) => [c.path, c.madeIn.rev])).toEqual(
        [['labels.team', 4]],
      );
    });

    it('reads only the headers of the revisions a diff names: a dense run in one range, scattered ones by number', async () => {
      const store = await harness.newStore();
      const s = createCmdbServices(store, { clock: fixedClock('2026-03-01T09:00:00.000Z', 1000) });
      await s.cmdb.initialize('tester'); // 1
      await s.cmdb.apply(smallEstate(), meta('estate')); // 2
      for (let k = 3; k <= 8; k++)
        await s.cmdb.apply({ cis: [{ ...web01, attributes: { cpu: k } }], relations: [] }, by(`r${k}`, `m${k}`));
      const ats = new Map<number, string>();
      for (let rev = 3; rev <= 8; rev++) ats.set(rev, (await store.getRevision(rev))!.at);
      // The header and nothing else: no message, no hashes.
      const header = (rev: number) => ({ rev, at: ats.get(rev), author: `r${rev}`, changeId: null });
      const byRev = (rs: { rev: number }[]) => [...rs].sort((a, b) => a.rev - b.rev);
      // 3..8 with 7 not asked for: read as one range, 7 left out; repeats answered once.
      expect(byRev(await store.revisionsIn([8, 3, 4, 6, 5, 4]))).toEqual([3, 4, 5, 6, 8].map(header));
      // Far apart: read by number; a number that does not exist is left out.
      expect(byRev(await store.revisionsIn([1000, 8, 3]))).toEqual([3, 8].map(header));
      expect(await store.revisionsIn([])).toEqual([]);
    });

    it('names the change behind a line, and links a backout revision to the change it backed out, in the chain', async () => {
      const store = await harness.newStore();
      const w = await changeWorld(store);
      const ref = await authorized(w);
      await w.changes.schedule(ref, 'bob');
      const done = await implementInWindow(w, ref, 'bob');
      const rev = done.outcome.revision!.rev;
      const implemented = await w.history.diff(rev - 1, rev);
      expect(implemented.modified[0]!.changes[0]).toMatchObject({
        path: 'attributes.cpu',
        madeIn: { rev, author: 'bob', change: ref, backoutOf: null },
      });
      await w.changes.fail(ref, 'bob', 'smoke tests red');
      const backed = await w.changes.backout(ref, 'bob');
      const backoutRev = backed.outcome.revision!.rev;
      expect(backed.outcome.revision).toMatchObject({ changeId: null, backoutOf: ref });
      expect(await w.store.getRevision(backoutRev)).toMatchObject({ changeId: null, backoutOf: ref });
      expect((await w.store.listRevisions({ limit: 1 }))[0]).toMatchObject({ rev: backoutRev, backoutOf: ref });
      // The implementation revision is no backout.
      expect((await w.store.getRevision(rev))!.backoutOf).toBeUndefined();
      const undone = await w.history.diff(rev, backoutRev);
      expect(undone.modified[0]!.changes[0]).toMatchObject({
        path: 'attributes.cpu',
        from: 8,
        to: 2,
        madeIn: { rev: backoutRev, change: null, backoutOf: ref },
      });
      // CHG-n as a point is still the state right after its implementation, not after its backout.
      expect(await w.history.resolvePoint(ref)).toBe(rev);

      // The link is part of the hash chain: rewriting it is caught.
      expect((await verifyChain(store)).ok).toBe(true);
      await sql`update revisions set backout_of = 'CHG-99' where rev = ${backoutRev}`.execute(store.kysely);
      expect(await verifyChain(store)).toMatchObject({ ok: false, firstBad: { rev: backoutRev } });
      await sql`update revisions set backout_of = null where rev = ${backoutRev}`.execute(store.kysely);
      expect(await verifyChain(store)).toMatchObject({ ok: false, firstBad: { rev: backoutRev } });
      await sql`update revisions set backout_of = ${ref} where rev = ${backoutRev}`.execute(store.kysely);
      expect((await verifyChain(store)).ok).toBe(true);
    });
  });
}
