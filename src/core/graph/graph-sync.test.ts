import { describe, expect, it } from 'vitest';
import type { CiVersion, RelationVersion } from '../ci/ci.types.js';
import type { GraphChanges, Revision } from '../revision/revision.types.js';
import type { PendingWrites } from '../revision/pending-writes.js';
import {
  CATCH_UP_REVISIONS,
  CATCH_UP_VERSIONS,
  GraphSync,
  type GraphSnapshot,
  type GraphSource,
  type GraphTextPage,
} from './graph-sync.js';

type Ci = Pick<CiVersion, 'id' | 'class' | 'name'>;
type Rel = Pick<RelationVersion, 'id' | 'type' | 'sourceId' | 'targetId'>;

/** An in-memory CMDB as the graph reads it: the head, the current items and changes since a revision. */
class FakeSource implements GraphSource {
  head_ = 0;
  cis: Ci[] = [];
  relations: Rel[] = [];
  changes: GraphChanges = { cisBefore: [], cisAfter: [], relationsBefore: [], relationsAfter: [] };
  pageSizes: number[] = [];
  asked: [number, number][] = [];
  heads = 0;

  async head(): Promise<Revision | undefined> {
    this.heads++;
    return this.head_ === 0 ? undefined : ({ rev: this.head_ } as Revision);
  }
  async *scanCurrentCis(pageSize: number): AsyncIterable<Ci[]> {
    for (let i = 0; i < this.cis.length; i += pageSize) yield this.cis.slice(i, i + pageSize);
  }
  async *scanCurrentRelations(pageSize: number): AsyncIterable<Rel[]> {
    for (let i = 0; i < this.relations.length; i += pageSize) yield this.relations.slice(i, i + pageSize);
  }
  async *graphChangesBetween(fromRev: number, toRev: number, pageSize: number): AsyncIterable<GraphChanges> {
    this.asked.push([fromRev, toRev]);
    this.pageSizes.push(pageSize);
    for (const part of ['cisBefore', 'cisAfter', 'relationsBefore', 'relationsAfter'] as const)
      for (let i = 0; i < this.changes[part].length; i += pageSize) {
        const page: GraphChanges = { cisBefore: [], cisAfter: [], relationsBefore: [], relationsAfter: [] };
        (page[part] as unknown[]) = this.changes[part].slice(i, i + pageSize);
        yield page;
      }
  }
}

const ci = (id: string, name: string) => ({ id, class: 'server', name }) as CiVersion;
const rel = (id: string, sourceId: string, targetId: string, type = 'runs_on') =>
  ({ id, type, sourceId, targetId }) as RelationVersion;
const edges = (sync: GraphSync, ids: string[]) =>
  sync.graph.edgesTouchingSync(ids).map((e) => `${e.sourceId} ${e.type} ${e.targetId}`);

async function loaded(versionsPerPage?: number): Promise<{ source: FakeSource; sync: GraphSync }> {
  const source = new FakeSource();
  source.head_ = 3;
  source.cis = [ci('a', 'app'), ci('b', 'web'), ci('c', 'db')];
  source.relations = [rel('r1', 'a', 'b'), rel('r2', 'b', 'c')];
  const sync = new GraphSync(source, undefined, versionsPerPage);
  await sync.load(2);
  return { source, sync };
}

describe('GraphSync', () => {
  it('an empty CMDB loads at revision 0', async () => {
    const sync = new GraphSync(new FakeSource());
    await sync.load();
    expect(sync.revision).toBe(0);
    expect(sync.graph.size).toBe(0);
  });

  it('is not ready, and catches nothing up, until its first load has finished', async () => {
    const source = new FakeSource();
    source.head_ = 3;
    source.relations = [rel('r1', 'a', 'b')];
    const sync = new GraphSync(source);
    expect(sync.graph.ready).toBe(false);
    // A route's catch-up before the load: no read of every version since revision 0.
    await sync.catchUp();
    expect(source.asked).toEqual([]);
    expect(sync.graph.ready).toBe(false);
    await sync.load();
    expect(sync.graph.ready).toBe(true);
    expect(edges(sync, ['a'])).toEqual(['a runs_on b']);
  });

  describe('from a snapshot the store reads beside it', () => {
    /** A source whose snapshot is `rev` with these pages; `during` runs after the first page is taken. */
    function snapshotted(rev: number, pages: GraphTextPage[], during: () => void = () => undefined) {
      const source = new FakeSource() as FakeSource & { readCurrentGraph(n: number): Promise<GraphSnapshot> };
      source.readCurrentGraph = async () => ({
        rev,
        pages: (async function* () {
          for (const [i, page] of pages.entries()) {
            yield page;
            if (i === 0) during();
          }
        })(),
      });
      return source;
    }
    const names: GraphTextPage = { kind: 'names', text: 'a\u001fserver\u001fapp\u001eb\u001fserver\u001fweb' };
    const edge: GraphTextPage = { kind: 'edges', text: 'a\u001fruns_on\u001fb' };

    it('is the state at the snapshot, caught up from its revision rather than the head read before', async () => {
      const source = snapshotted(3, [names, edge]);
      source.head_ = 5;
      const sync = new GraphSync(source);
      await sync.load(2);
      expect(source.asked).toEqual([[3, 5]]);
      expect(sync.revision).toBe(5);
      expect(sync.graph.refOf('b')).toBe('server/web');
      expect(edges(sync, ['a'])).toEqual(['a runs_on b']);
    });

    it('leaves a commit told while it loads to the catch-up: one already in the snapshot is not added twice', async () => {
      // Revision 1 committed just before the snapshot was taken; its listener runs while the load reads.
      const writes = { cis: [], relations: [{ after: rel('r1', 'a', 'b') }], model: [] };
      const source = snapshotted(1, [names, edge], () => sync.onCommit({ rev: 1 } as Revision, writes));
      source.head_ = 1;
      const sync = new GraphSync(source);
      await sync.load(2);
      expect(sync.revision).toBe(1);
      expect(edges(sync, ['a'])).toEqual(['a runs_on b']);
    });
  });

  it('catches up a long way behind window by window, not in one read of everything since', async () => {
    const { sync, source } = await loaded();
    source.head_ = 3 + 2 * CATCH_UP_REVISIONS + 7;
    source.changes = { cisBefore: [], cisAfter: [ci('e', 'queue')], relationsBefore: [], relationsAfter: [] };
    await sync.catchUp();
    expect(source.asked).toEqual([
      [3, 3 + CATCH_UP_REVISIONS],
      [3 + CATCH_UP_REVISIONS, 3 + 2 * CATCH_UP_REVISIONS],
      [3 + 2 * CATCH_UP_REVISIONS, source.head_],
    ]);
    expect(sync.revision).toBe(source.head_);
    expect(sync.graph.refOf('e')).toBe('server/queue');
  });

  it('loads every page of CIs and relationships at the head', async () => {
    const { sync, source } = await loaded();
    expect(sync.revision).toBe(3);
    expect(sync.graph.refOf('c')).toBe('server/db');
    expect(edges(sync, ['b'])).toEqual(['b runs_on c', 'a runs_on b']);
    // Already at the head: the catch-up after the scan asks for no changes.
    expect(source.asked).toEqual([]);
  });

  // [revision number committed, applied?]
  const COMMITS: [number, boolean][] = [
    [4, true],
    [5, false],
    [3, false],
    [2, false],
  ];
  it.each(COMMITS)('a commit of revision %i is applied: %s', async (rev, applied) => {
    const { sync } = await loaded();
    sync.onCommit({ rev } as Revision, {
      cis: [
        { before: ci('c', 'db') },
        { after: ci('d', 'cache') },
        { before: ci('b', 'web'), after: ci('b', 'web-renamed') },
      ],
      relations: [{ before: rel('r2', 'b', 'c') }, { after: rel('r3', 'a', 'd') }],
      model: [],
    });
    expect(sync.revision).toBe(applied ? rev : 3);
    expect(sync.graph.refOf('c')).toBe(applied ? undefined : 'server/db');
    expect(sync.graph.refOf('d')).toBe(applied ? 'server/cache' : undefined);
    expect(sync.graph.refOf('b')).toBe(applied ? 'server/web-renamed' : 'server/web');
    expect(edges(sync, ['a'])).toEqual(applied ? ['a runs_on b', 'a runs_on d'] : ['a runs_on b']);
  });

  it.each([undefined, 1, 2])(
    'catches up with what other processes wrote, from its revision to the head, %s versions a page',
    async (perPage) => {
      const { sync, source } = await loaded(perPage);
      source.head_ = 6;
      source.changes = {
        cisBefore: [ci('c', 'db')],
        cisAfter: [ci('e', 'queue')],
        relationsBefore: [rel('r2', 'b', 'c')],
        relationsAfter: [rel('r1', 'a', 'b'), rel('r4', 'e', 'b')],
      };
      await sync.catchUp();
      expect(source.asked).toEqual([[3, 6]]);
      expect(source.pageSizes).toEqual([perPage ?? CATCH_UP_VERSIONS]);
      expect(sync.revision).toBe(6);
      expect(sync.graph.refOf('c')).toBeUndefined();
      expect(sync.graph.refOf('e')).toBe('server/queue');
      // r1 was current already and is listed again: it is not doubled.
      expect(edges(sync, ['b'])).toEqual(['a runs_on b', 'e runs_on b']);
    },
  );

  it('does nothing when at the head', async () => {
    const { sync, source } = await loaded();
    await sync.catchUp();
    expect(source.asked).toEqual([]);
    expect(sync.revision).toBe(3);
  });

  it('concurrent callers share one catch-up', async () => {
    const { sync, source } = await loaded();
    source.head_ = 4;
    const before = source.heads;
    await Promise.all([sync.catchUp(), sync.catchUp(), sync.catchUp()]);
    expect(source.heads - before).toBe(1);
    expect(source.asked).toEqual([[3, 4]]);
    // A later call is a new catch-up.
    await sync.catchUp();
    expect(source.heads - before).toBe(2);
  });

  describe("the model's revision as of the graph's state", () => {
    /** A source that reads the model's revision with the head, as the store does. */
    class ModelSource extends FakeSource {
      model = 2;
      async headAndModelRevision() {
        return { head: await this.head(), modelRevision: this.head_ === 0 ? undefined : this.model };
      }
    }
    const MODEL_WRITE = { after: { kind: 'relation_type', name: 'runs_on' } } as PendingWrites['model'][number];

    async function withModel(): Promise<{ source: ModelSource; sync: GraphSync }> {
      const source = new ModelSource();
      source.head_ = 3;
      source.cis = [ci('a', 'app')];
      const sync = new GraphSync(source);
      await sync.load(2);
      return { source, sync };
    }

    it('is read with the head when the graph loads, and moves with a commit that changes the model', async () => {
      const { sync } = await withModel();
      expect(sync.graph.modelRevision).toBe(2);
      sync.onCommit({ rev: 4 } as Revision, { cis: [{ after: ci('d', 'cache') }], relations: [], model: [] });
      expect(sync.graph.modelRevision).toBe(2);
      sync.onCommit({ rev: 5 } as Revision, { cis: [], relations: [], model: [MODEL_WRITE] });
      expect(sync.graph.modelRevision).toBe(5);
      // Not the next revision: neither the graph nor its model's revision moves.
      sync.onCommit({ rev: 7 } as Revision, { cis: [], relations: [], model: [MODEL_WRITE] });
      expect([sync.revision, sync.graph.modelRevision]).toEqual([5, 5]);
    });

    it('is the one read with the head a catch-up reached, and unknown while the graph is behind it', async () => {
      const { source, sync } = await withModel();
      source.head_ = 6;
      source.model = 6;
      let during: number | undefined = -1;
      source.changes.cisAfter = [ci('e', 'queue')];
      const changes = source.graphChangesBetween.bind(source);
      source.graphChangesBetween = async function* (from, to, size) {
        during = sync.graph.modelRevision;
        yield* changes(from, to, size);
      };
      await sync.catchUp();
      expect(during).toBeUndefined();
      expect([sync.revision, sync.graph.modelRevision]).toEqual([6, 6]);
    });

    it('is unknown where the source cannot read it with the head', async () => {
      const { sync } = await loaded();
      expect(sync.graph.modelRevision).toBeUndefined();
      sync.onCommit({ rev: 4 } as Revision, { cis: [], relations: [], model: [MODEL_WRITE] });
      expect(sync.graph.modelRevision).toBeUndefined();
    });
  });
});
