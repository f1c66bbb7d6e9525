import { afterAll, describe, expect, it } from 'vitest';
import { KEY_PART_SEPARATOR, KEY_SEPARATOR } from '../../src/core/ci/ci.types.js';
import { createCmdbServices } from '../../src/core/cmdb/cmdb-services.js';
import { GraphSync, type GraphSource, type GraphTextPage } from '../../src/core/graph/graph-sync.js';
import { fixedClock } from '../../src/core/shared/clock.js';
import type { KyselyCmdbStore } from '../../src/store/connect.js';
import { engines } from '../helpers/engines.js';
import { meta, smallEstate } from '../helpers/fixtures.js';

/** The records of page texts, each `a b c`, in the order read. */
const records = (texts: string[]) =>
  texts.flatMap((t) => t.split(KEY_SEPARATOR).map((r) => r.split(KEY_PART_SEPARATOR).join(' ')));

/** The store's in-process scans as records: names sorted (a page's order is the engine's), edges in order. */
async function scanned(store: KyselyCmdbStore) {
  const names: string[] = [];
  const edges: string[] = [];
  for await (const t of store.scanCurrentNameTexts(2)) names.push(t);
  for await (const t of store.scanCurrentEdgeTexts(2)) edges.push(t);
  return { names: records(names).sort(), edges: records(edges) };
}

/** Every current CI's ref and every edge the graph holds, in a fixed order. */
async function contents(sync: GraphSync, store: KyselyCmdbStore) {
  const ids: string[] = [];
  for await (const page of store.scanCurrentCis(1000)) ids.push(...page.map((c) => c.id));
  return {
    refs: ids.map((id) => `${id} ${sync.graph.refOf(id) ?? '-'}`),
    edges: sync.graph.edgesTouchingSync(ids).map((e) => `${e.sourceId} ${e.type} ${e.targetId}`),
  };
}

const names = Array.from({ length: 5 }, (_, i) => `node-${i}`);
/** Five servers the frontend runs on: more pages of 2 than the reader posts ahead of the graph. */
const more = {
  cis: names.map((name) => ({ class: 'server', name })),
  relations: names.map((n) => ({ type: 'runs_on', from: 'application/shop-frontend', to: `server/${n}` })),
};
/** A commit made while a load reads: one CI and its relationship gone, one of each new. */
async function commitDuring(s: ReturnType<typeof createCmdbServices>): Promise<void> {
  await s.cmdb.deleteCis([{ class: 'server', name: 'node-0' }], meta('one gone'));
  await s.cmdb.apply(
    {
      cis: [{ class: 'server', name: 'late' }],
      relations: [{ type: 'runs_on', from: 'application/shop-frontend', to: 'server/late' }],
    },
    meta('one new'),
  );
}

for (const harness of engines()) {
  describe(`the graph read on a thread of its own, on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    /** A store holding the small estate, and `more` after it when asked, with its services. */
    async function estateStore(withMore: boolean) {
      const store = await harness.newStore();
      const s = createCmdbServices(store, { clock: fixedClock('2026-03-01T09:00:00.000Z', 1000) });
      await s.cmdb.initialize('tester');
      await s.cmdb.apply(smallEstate(), meta('estate'));
      if (withMore) await s.cmdb.apply(more, meta('more'));
      return { store, s };
    }

    it('is exactly the state at the revision it reports, whatever is committed while it reads', async () => {
      const { store, s } = await estateStore(true);
      const before = await scanned(store);
      const head = (await store.head())?.rev;

      const snapshot = await store.readCurrentGraph(2, 0);
      // PostgreSQL's server already reads the next page while the graph numbers one: no thread.
      if (harness.engine === 'postgres') return expect(snapshot).toBeUndefined();
      if (!snapshot) throw new Error('a SQLite file is read on a thread of its own');
      expect(snapshot.rev).toBe(head);
      const pages: GraphTextPage[] = [];
      for await (const page of snapshot.pages) {
        // After the first page, two commits: the rest of the pages are still the state at `head`.
        if (pages.length === 0) await commitDuring(s);
        pages.push(page);
      }
      expect((await store.head())?.rev).toBe(head! + 2);
      const texts = (kind: GraphTextPage['kind']) => pages.filter((p) => p.kind === kind).map((p) => p.text);
      expect(Math.max(...pages.map((p) => p.text.split(KEY_SEPARATOR).length))).toBe(2);
      expect(records(texts('names')).sort()).toEqual(before.names);
      expect(records(texts('edges'))).toEqual(before.edges);
    });

    it('is not started for a graph smaller than its start-up is worth', async () => {
      const { store } = await estateStore(false);
      const relationRows = (await scanned(store)).edges.length;
      expect(relationRows).toBeGreaterThan(1);
      // Below the size the thread is worth, and by default: read in-process (undefined).
      expect(await store.readCurrentGraph(2, relationRows + 1)).toBeUndefined();
      expect(await store.readCurrentGraph(2)).toBeUndefined();
      const from = await store.readCurrentGraph(2, relationRows);
      if (harness.engine === 'postgres') return expect(from).toBeUndefined();
      if (!from) throw new Error('a graph of that many relationship rows is read on a thread of its own');
      for await (const page of from.pages) expect(page.text.length).toBeGreaterThan(0);
    });

    it('stops its reader when the graph takes no more pages', async () => {
      const { store, s } = await estateStore(true);
      const snapshot = await store.readCurrentGraph(1, 0);
      if (!snapshot) return expect(harness.engine).toBe('postgres');
      for await (const page of snapshot.pages) if (page.kind === 'names') break;
      // The reader has let go of its snapshot: a checkpoint can copy every page back.
      await s.cmdb.deleteCis([{ class: 'server', name: 'node-1' }], meta('after'));
      expect(store.native?.pragma('wal_checkpoint(TRUNCATE)', { simple: false })).toEqual([
        { busy: 0, log: 0, checkpointed: 0 },
      ]);
    });

    it('loads a graph neither missing nor doubling a commit made while it loads', async () => {
      const { store, s } = await estateStore(true);
      // The store as the graph sees it, committing through the services (which tell the graph, as
      // a server's do) once the load has taken its first page.
      let committed = false;
      const duringLoad = async () => {
        if (committed) return;
        committed = true;
        await commitDuring(s);
      };
      const source: GraphSource = {
        head: () => store.head(),
        scanCurrentCis: (n) => store.scanCurrentCis(n),
        scanCurrentRelations: (n) => store.scanCurrentRelations(n),
        async *scanCurrentNameTexts(n) {
          for await (const t of store.scanCurrentNameTexts(n)) yield t;
        },
        async *scanCurrentEdgeTexts(n) {
          for await (const t of store.scanCurrentEdgeTexts(n)) {
            yield t;
            await duringLoad();
          }
        },
        async readCurrentGraph(n) {
          const snapshot = await store.readCurrentGraph(n, 0);
          if (!snapshot) return undefined;
          return {
            rev: snapshot.rev,
            pages: (async function* () {
              for await (const page of snapshot.pages) {
                yield page;
                await duringLoad();
              }
            })(),
          };
        },
        graphChangesBetween: (from, to, n) => store.graphChangesBetween(from, to, n),
      };
      const sync = new GraphSync(source);
      s.cmdb.onCommit((revision, writes) => sync.onCommit(revision, writes));
      await sync.load(2);
      expect(committed).toBe(true);
      expect(sync.revision).toBe((await store.head())?.rev);

      const fresh = new GraphSync(store);
      await fresh.load(2);
      const loaded = await contents(sync, store);
      expect(loaded).toEqual(await contents(fresh, store));
      // The new relationship once, from each end (an edge added twice would be there four times).
      const late = loaded.refs.find((r) => r.endsWith(' server/late'))?.split(' ')[0];
      expect(late).toBeDefined();
      expect(loaded.edges.filter((e) => e.endsWith(` ${late}`))).toHaveLength(2);
    });
  });
}
