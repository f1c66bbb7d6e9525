import type { PendingWrites } from '../revision/pending-writes.js';
import type { CiVersion, RelationVersion } from '../ci/ci.types.js';
import type { GraphChanges, Revision } from '../revision/revision.types.js';
import { MemoryGraph } from './memory-graph.js';

/**
 * Revisions a catch-up reads at once: a server that fell far behind (another process wrote for
 * hours) reads what changed window by window instead of every version since in one answer.
 */
export const CATCH_UP_REVISIONS = 500;

/**
 * Versions a catch-up reads at once within a window: one revision can hold a million (an import
 * by another process), read page by page by version id instead of in one answer.
 */
export const CATCH_UP_VERSIONS = 5000;

/** What the graph reads of the CMDB: the head, the current items in pages, and what changed since. */
export interface GraphSource {
  head(): Promise<Revision | undefined>;
  /**
   * The head and the model's revision read together (one statement: the model as of that head),
   * where the store can: the graph then knows its model's revision (MemoryGraph.modelRevision).
   */
  headAndModelRevision?(): Promise<{ head: Revision | undefined; modelRevision: number | undefined }>;
  scanCurrentCis(pageSize: number): AsyncIterable<Pick<CiVersion, 'id' | 'class' | 'name'>[]>;
  scanCurrentRelations(pageSize: number): AsyncIterable<Pick<RelationVersion, 'type' | 'sourceId' | 'targetId'>[]>;
  /**
   * The same relationships in the same order as texts, a page each (MemoryGraph.addText), where
   * the store can: the graph then numbers their ends without a string per end.
   */
  scanCurrentEdgeTexts?(pageSize: number): AsyncIterable<string>;
  /** The same CIs as texts, a page each (MemoryGraph.setNamesText), where the store can. */
  scanCurrentNameTexts?(pageSize: number): AsyncIterable<string>;
  /**
   * The current CIs and relationships as texts, exactly as of one revision, read beside this
   * thread where the store can (SQLite: a thread with its own connection steps the next page
   * while this one numbers the last); undefined where it cannot.
   */
  readCurrentGraph?(pageSize: number): Promise<GraphSnapshot | undefined>;
  /** What changed in (fromRev, toRev], in pages of at most `pageSize` versions (see GraphChanges). */
  graphChangesBetween(fromRev: number, toRev: number, pageSize: number): AsyncIterable<GraphChanges>;
}

/** The current graph as of one revision (GraphSource.readCurrentGraph). */
export interface GraphSnapshot {
  /** The revision whose state the pages are: nothing committed after it is in them. */
  rev: number;
  /**
   * Pages of CIs (MemoryGraph.setNamesText) and of relationships (MemoryGraph.addText), each kind
   * in the order of its scan above; the two kinds may come in any order between each other.
   */
  pages: AsyncIterable<GraphTextPage>;
}

export interface GraphTextPage {
  kind: 'names' | 'edges';
  text: string;
}

/**
 * Keeps the server's in-memory relationship graph at the head revision. Commits made by this
 * process are applied as they happen; commits made by other processes on the same database are
 * caught up (what changed, window by window and page by page) before the graph is used.
 *
 * The graph is not `ready` until its first load has finished (seconds at 1M CIs): a server
 * serves meanwhile, its impact and neighbourhood reads going to the store, and `catchUp` has
 * nothing to do (it would otherwise read every version since revision 0).
 */
export class GraphSync {
  private rev = 0;
  /**
   * Whether the load has read its pages. Until then commits are left to the catch-up after it:
   * one applied before the load knows its revision could be in its pages too, and be added twice.
   */
  private loaded = false;
  private catching: Promise<void> | undefined;

  constructor(
    private readonly store: GraphSource,
    readonly graph = new MemoryGraph(),
    /** Versions per page of a catch-up (tests make it small). */
    private readonly versionsPerPage = CATCH_UP_VERSIONS,
  ) {
    this.graph.ready = false;
  }

  get revision(): number {
    return this.rev;
  }

  async load(pageSize = 5000): Promise<void> {
    this.rev = await this.loadPages(pageSize);
    this.loaded = true;
    // Writes that landed during the scan are caught up from the revision it reports (and where the
    // store read no snapshot, may or may not be in it: replaying them is harmless because removals
    // are by key and additions are checked below).
    await this.caughtUp();
    // Before the graph is used: an impact report then finds its roots in memory, and no request
    // pays for making the index.
    await this.graph.indexRefs();
    this.graph.ready = true;
  }

  /** Reads the current graph into `graph`; returns the revision it is the state at (or after). */
  private async loadPages(pageSize: number): Promise<number> {
    // Read beside this thread, where the store can: exactly the state at the revision it saw.
    const snapshot = await this.store.readCurrentGraph?.(pageSize);
    if (snapshot) {
      for await (const page of snapshot.pages)
        if (page.kind === 'names') this.graph.setNamesText(page.text);
        else this.graph.addText(page.text);
      return snapshot.rev;
    }
    const head = (await this.store.head())?.rev ?? 0;
    // Where the store reads the relationships as texts, the CIs and the texts are read at once: on
    // PostgreSQL the server reads one while this thread numbers the other. Which is numbered first
    // changes the numbers only, never an answer: a CI's edges keep the order of the relationship
    // scan. On SQLite, whose reads block this thread, the two then interleave page by page; read as
    // texts that measured the same as one after the other at 1M CIs (4.1 and 5.3 s against 4.1 and
    // 4.5 s), where read as rows it had lost time.
    if (this.store.scanCurrentEdgeTexts) await Promise.all([this.loadNames(pageSize), this.loadEdges(pageSize)]);
    else {
      await this.loadNames(pageSize);
      await this.loadEdges(pageSize);
    }
    return head;
  }

  private async loadNames(pageSize: number): Promise<void> {
    if (this.store.scanCurrentNameTexts)
      for await (const text of this.store.scanCurrentNameTexts(pageSize)) this.graph.setNamesText(text);
    else
      for await (const page of this.store.scanCurrentCis(pageSize))
        for (const c of page) this.graph.setName(c.id, c.class, c.name);
  }

  private async loadEdges(pageSize: number): Promise<void> {
    if (this.store.scanCurrentEdgeTexts)
      for await (const text of this.store.scanCurrentEdgeTexts(pageSize)) this.graph.addText(text);
    else for await (const page of this.store.scanCurrentRelations(pageSize)) for (const e of page) this.graph.add(e);
  }

  /**
   * Applies one committed revision, if it is the next one and comes with its versions; otherwise
   * leaves it to catchUp (a large import hands no versions over).
   */
  onCommit(revision: Revision, writes: PendingWrites | undefined): void {
    if (!this.loaded || revision.rev !== this.rev + 1 || !writes) return;
    for (const w of writes.cis) {
      if (w.before && !w.after) this.graph.removeRef(w.before.id);
      if (w.after) this.graph.setName(w.after.id, w.after.class, w.after.name);
    }
    for (const w of writes.relations) {
      if (w.before) this.graph.remove(w.before);
      if (w.after) this.graph.add(w.after);
    }
    // A revision that writes a class or a relationship type is the model's revision from now on.
    if (writes.model.length > 0 && this.graph.modelRevision !== undefined) this.graph.modelRevision = revision.rev;
    this.rev = revision.rev;
  }

  /**
   * Brings the graph to the head revision; concurrent callers share one catch-up. Nothing to do
   * before the first load has finished: the graph is not read until then.
   */
  async catchUp(): Promise<void> {
    if (!this.graph.ready) return;
    return this.caughtUp();
  }

  private caughtUp(): Promise<void> {
    this.catching ??= this.doCatchUp().finally(() => (this.catching = undefined));
    return this.catching;
  }

  private async doCatchUp(): Promise<void> {
    const read = this.store.headAndModelRevision
      ? await this.store.headAndModelRevision()
      : { head: await this.store.head(), modelRevision: undefined };
    const head = read.head?.rev ?? 0;
    // Unknown while the graph moves: it is the model as of `head` only once the graph is there.
    if (this.rev < head) this.graph.modelRevision = undefined;
    // Window by window: each applies what changed from its start to its end, so they compose.
    while (this.rev < head) await this.apply(this.rev, Math.min(head, this.rev + CATCH_UP_REVISIONS));
    if (this.rev === head) this.graph.modelRevision = read.modelRevision;
  }

  private async apply(from: number, to: number): Promise<void> {
    // Page by page, in the order the pages come: removals of a part before the additions of the
    // next, as when the window was applied whole.
    for await (const changed of this.store.graphChangesBetween(from, to, this.versionsPerPage)) {
      for (const c of changed.cisBefore) this.graph.removeRef(c.id);
      for (const c of changed.cisAfter) this.graph.setName(c.id, c.class, c.name);
      for (const r of changed.relationsBefore) this.graph.remove(r);
      for (const r of changed.relationsAfter) {
        this.graph.remove(r);
        this.graph.add(r);
      }
    }
    this.rev = Math.max(this.rev, to);
  }
}
