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

const byRef = (a: { ref: string }, b: { ref: string }) => a.ref.localeCompare(b.ref);

/** Every CI of a scan, as seen, in ref order. */
async function scannedOf(scan: AsyncIterable<ScannedCi[]>) {
  const out: ReturnType<typeof seen>[] = [];
  for await (const page of scan) out.push(...page.map(seen));
  return out.sort(byRef);
}

const CLASSES = ['server', 'application', 'business_service', 'database', 'rack', 'virtual_machine'];

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
      // In-process, and (SQLite) on a thread of its own: the same statements, paged the same way.
      for (const fromRows of [Infinity, 0])
        for (const pageSize of [1, 2, 3, 100]) {
          const scanned: ScannedCi[] = [];
          for await (const page of drift.scanCis({ classes: ['server'], sources: [], pageSize }, fromRows))
            scanned.push(...page);
          expect(scanned.map(seen).sort(byRef)).toEqual(live.map(seen).sort(byRef));
        }
      expect(new Set(live.map((c) => c.source))).toEqual(new Set(['a\u001eb\u001fc', '', 'é\u{1F600}', null]));
    });

    /** The small estate and five servers more (pages of 2 run past what the thread posts ahead), with its services. */
    async function estate() {
      const store = await harness.newStore();
      const s = createCmdbServices(store, { clock: fixedClock('2026-03-01T09:00:00.000Z', 1000) });
      await s.cmdb.initialize('tester');
      await s.cmdb.apply(smallEstate(), meta('estate'));
      const names = Array.from({ length: 5 }, (_, i) => `node-${i}`);
      const rev = (
        await s.cmdb.apply(
          { cis: names.map((name, i) => ({ class: 'server', name, attributes: { cpu: i + 1 } })) },
          meta('more'),
        )
      ).revision!.rev;
      return { store, s, drift: new KyselyDriftStore(store), rev };
    }

    /** One CI changed, server `node-${n}` deleted, one added. */
    async function commit(s: ReturnType<typeof createCmdbServices>, tag: string, n: number): Promise<void> {
      await s.cmdb.apply(
        { cis: [{ class: 'server', name: 'node-1', attributes: { cpu: 40 + n } }] },
        meta(`${tag} changed`),
      );
      await s.cmdb.deleteCis([{ class: 'server', name: `node-${n}` }], meta(`${tag} gone`));
      await s.cmdb.apply({ cis: [{ class: 'server', name: `new-${tag}` }] }, meta(`${tag} new`));
    }

    it('reads on a thread of its own the same CIs as in-process, now, at the head and as of a past revision', async () => {
      const { s, drift, rev } = await estate();
      await commit(s, 'later', 2);
      for (const query of [{}, { head: rev + 3 }, { at: rev }, { at: rev - 1 }]) {
        const q = { classes: CLASSES, sources: ['tester'], pageSize: 2, ...query };
        const inProcess = await scannedOf(drift.scanCis(q, Infinity));
        expect(inProcess.length).toBeGreaterThan(2);
        expect(await scannedOf(drift.scanCis(q, 0))).toEqual(inProcess);
      }
    });

    it("reads on a thread of its own exactly the state at the caller's head, whatever is committed before or while it reads", async () => {
      // PostgreSQL reads in-process, a page a statement: not one snapshot.
      if (harness.engine === 'postgres') return;
      const { s, drift, rev } = await estate();
      const atRev = await scannedOf(drift.scanCis({ classes: CLASSES, sources: [], pageSize: 100 }, Infinity));
      // The caller read its head, then a commit landed before the scan began, and more while it reads.
      await commit(s, 'before', 2);
      const scanned: ReturnType<typeof seen>[] = [];
      let pages = 0;
      for await (const page of drift.scanCis({ classes: CLASSES, sources: [], head: rev, pageSize: 2 }, 0)) {
        if (pages++ === 0) await commit(s, 'during', 3);
        scanned.push(...page.map(seen));
      }
      expect(pages).toBeGreaterThan(4);
      expect(scanned.sort(byRef)).toEqual(atRev);

      // The head unchanged when it starts (its current rows read): commits while it reads are not in it.
      const head = (await s.store.head())!.rev;
      const atHead = await scannedOf(drift.scanCis({ classes: CLASSES, sources: [], pageSize: 100 }, Infinity));
      const read: ReturnType<typeof seen>[] = [];
      for await (const page of drift.scanCis({ classes: CLASSES, sources: [], head, pageSize: 2 }, 0)) {
        if (read.length === 0) await commit(s, 'again', 4);
        read.push(...page.map(seen));
      }
      expect(read.sort(byRef)).toEqual(atHead);
      expect(atHead).not.toEqual(await scannedOf(drift.scanCis({ classes: CLASSES, sources: [], pageSize: 100 })));
    });

    it('stops its reader thread when the check takes no more pages', async () => {
      const { s, store, drift } = await estate();
      for await (const page of drift.scanCis({ classes: CLASSES, sources: [], pageSize: 1 }, 0))
        if (page.length > 0) break;
      // The reader has let go of its snapshot: a checkpoint can copy every page back.
      await commit(s, 'after', 2);
      if (harness.engine === 'postgres') return;
      expect(store.native?.pragma('wal_checkpoint(TRUNCATE)', { simple: false })).toEqual([
        { busy: 0, log: 0, checkpointed: 0 },
      ]);
    });
  });
}
