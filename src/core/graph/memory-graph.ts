import { KEY_PART_SEPARATOR, KEY_SEPARATOR } from '../ci/ci.types.js';
import type { Edge, EdgeSource } from './impact.js';
import { detached } from '../shared/detached.js';
import { grown } from '../shared/grown.js';
import { IdIndex } from './id-index.js';
import { PackedAdjacency } from './packed-adjacency.js';
import { RefIndex } from './ref-index.js';
import { runPaced, runThrough, type Steps } from '../shared/pace.js';

/**
 * CIs the index by reference takes in between two turns of the event loop: at about 0.4 µs a CI,
 * a few milliseconds.
 */
const REFS_AT_ONCE = 10_000;

/**
 * The current relationship graph held in memory, for impact analysis on the current state
 * without a query per level. Built once from the store and kept in step by applying each
 * committed revision's relationship writes.
 *
 * Compact on purpose: at 1M CIs and 3M relationships an object per relationship (and its id
 * string) kept the old generation so large that loading took 12 s, mostly garbage collection,
 * and every later collection in the server paid for walking it. Here CI ids and relationship
 * types are interned to small integers once, and each CI's relationships are pairs of integers
 * (the CI at the other end, the type) packed in typed arrays (packed-adjacency.ts); `Edge`
 * objects are made only for the few CIs a walk asks about.
 */
export class MemoryGraph implements EdgeSource {
  private readonly index = new IdIndex();
  /** Per CI number: `(target, type)` of its outgoing relationships. */
  private readonly out = new PackedAdjacency();
  /** Per CI number: `(source, type)` of its incoming relationships. */
  private readonly in = new PackedAdjacency();
  /** Per CI number: 1 once it is an end of some relationship (a byte each: a million fit a cache). */
  private linkedFlags = new Uint8Array(1024);
  /**
   * The name of each current CI by number, and its class's number in `classes`, so impact
   * reports name what they reach without a query. The `class/name` is put together when asked
   * for: a string per CI less while loading a million.
   */
  private readonly names: (string | undefined)[] = [];
  private readonly nameClass: number[] = [];
  private readonly classIndex = new Map<string, number>();
  private readonly classes: string[] = [];
  private readonly typeIndex = new Map<string, number>();
  private readonly types: string[] = [];
  /**
   * The CIs by reference (idOfRef), made by indexRefs (a loader's last step) or at the first
   * look-up, and kept in step from the moment it is begun; `refsIndexed` once it holds every CI.
   */
  private refs: RefIndex | undefined;
  private refsIndexing: Promise<void> | undefined;
  private refsIndexed = false;
  private linked = 0;
  /** The source of the last edge added, and its number: a load adds each CI's outgoing edges one after another. */
  private lastSource = '';
  private lastSourceNumber = -1;
  private lastType = '';
  private lastTypeNumber = -1;
  /** The class of the last name recorded. */
  private lastClass = -1;
  /**
   * False while a server is still loading the graph (GraphSync): until then readers of the
   * current state ask the store instead (the same answers, a query per walk), so a server serves
   * before a large graph is in memory. A graph built by hand is ready at once.
   */
  ready = true;
  /**
   * The model's revision (the last that changed a class or a relationship type) as of the state
   * the graph holds, when the one keeping it in step knows it (GraphSync): a report on the graph
   * then reads the model as of the same state without asking the store whether it changed.
   */
  modelRevision: number | undefined;

  /** How many CIs are an end of some relationship (or were). */
  get size(): number {
    return this.linked;
  }

  add(edge: Edge): void {
    let s = this.lastSourceNumber;
    if (s < 0 || edge.sourceId !== this.lastSource) {
      s = this.lastSourceNumber = this.intern(edge.sourceId);
      this.lastSource = edge.sourceId;
    }
    const t = this.intern(edge.targetId);
    const type = this.internType(edge.type);
    this.out.push(s, t, type);
    this.in.push(t, s, type);
    this.link(s);
    this.link(t);
  }

  /**
   * Adds the edges of one page of text, in order: each `source US type US target`, joined by RS
   * (KEY_PART_SEPARATOR, KEY_SEPARATOR; ids and types hold no control characters). What a load
   * reads: no object and no string per edge, only a string per id or type not numbered yet.
   */
  addText(text: string): void {
    const end = text.length;
    let source = this.lastSource;
    let s = this.lastSourceNumber;
    for (let at = 0; at < end;) {
      const typeAt = text.indexOf(KEY_PART_SEPARATOR, at) + 1;
      const targetAt = text.indexOf(KEY_PART_SEPARATOR, typeAt) + 1;
      if (typeAt === 0 || targetAt === 0)
        throw new Error(`not an edge at ${at} of a graph page: ${text.slice(at, at + 80)}`);
      let next = text.indexOf(KEY_SEPARATOR, targetAt);
      if (next < 0) next = end;
      // A load reads each source's edges one after another: most sources are the one just read.
      if (s < 0 || typeAt - 1 - at !== source.length || !text.startsWith(source, at)) {
        s = this.internAt(text, at, typeAt - 1);
        // A view into the page, no copy: kept only while it is the last source.
        source = text.slice(at, typeAt - 1);
      }
      const type = this.internTypeAt(text, typeAt, targetAt - 1);
      const t = this.internAt(text, targetAt, next);
      this.out.push(s, t, type);
      this.in.push(t, s, type);
      this.link(s);
      this.link(t);
      at = next + 1;
    }
    // Its own string (made once): the page is not kept alive by it.
    this.lastSource = s < 0 ? '' : this.index.idOf(s);
    this.lastSourceNumber = s;
  }

  remove(edge: Edge): void {
    const s = this.index.get(edge.sourceId);
    const t = this.index.get(edge.targetId);
    const type = this.typeIndex.get(edge.type);
    if (s === undefined || t === undefined || type === undefined) return;
    this.out.remove(s, t, type);
    this.in.remove(t, s, type);
  }

  /** Records that CI `id` is `cls/name` now (the class kept once for all its CIs). */
  setName(id: string, cls: string, name: string): void {
    const n = this.intern(id);
    const c = this.internClass(cls);
    this.names[n] = name;
    this.nameClass[n] = c;
    this.refs?.set(c, name, n);
  }

  /**
   * Records the names of one page of text: each `id US class US name`, joined by RS (names, ids
   * and classes hold no control characters). What a load reads: no string per CI but its name's.
   */
  setNamesText(text: string): void {
    const end = text.length;
    for (let at = 0; at < end;) {
      const classAt = text.indexOf(KEY_PART_SEPARATOR, at) + 1;
      const nameAt = text.indexOf(KEY_PART_SEPARATOR, classAt) + 1;
      if (classAt === 0 || nameAt === 0)
        throw new Error(`not a CI at ${at} of a graph page: ${text.slice(at, at + 80)}`);
      let next = text.indexOf(KEY_SEPARATOR, nameAt);
      if (next < 0) next = end;
      const n = this.internAt(text, at, classAt - 1);
      const name = detached(text, nameAt, next);
      const c = this.internClassAt(text, classAt, nameAt - 1);
      this.names[n] = name;
      this.nameClass[n] = c;
      this.refs?.set(c, name, n);
      at = next + 1;
    }
  }

  removeRef(id: string): void {
    const n = this.index.get(id);
    if (n !== undefined) this.names[n] = undefined;
  }

  refOf(id: string): string | undefined {
    const n = this.index.get(id);
    const name = n === undefined ? undefined : this.names[n];
    if (name === undefined) return undefined;
    return `${this.classes[this.nameClass[n!]!]!}/${name}`;
  }

  /**
   * The id of the current CI `cls/name`; undefined when the graph holds no CI of that name, or
   * while indexRefs is still at work (the caller asks the store instead).
   */
  idOfRef(cls: string, name: string): string | undefined {
    if (this.refsIndexing === undefined) {
      this.refsIndexing = Promise.resolve();
      runThrough(this.indexingRefs());
    }
    const c = this.classIndex.get(cls);
    if (!this.refsIndexed || c === undefined) return undefined;
    const n = this.refs!.ciOf(c, name);
    // The CI given the reference last may have been removed or renamed since.
    if (n === undefined || this.names[n] !== name || this.nameClass[n] !== c) return undefined;
    return this.index.idOf(n);
  }

  /**
   * Makes the index of CIs by reference a slice at a time, letting the event loop run between
   * slices: a loader's last step before the graph is ready (at a million CIs about 0.4 s and
   * 34 MiB), so that no request pays for it.
   */
  indexRefs(): Promise<void> {
    return (this.refsIndexing ??= runPaced(this.indexingRefs()));
  }

  private *indexingRefs(): Steps<void> {
    const refs = (this.refs = new RefIndex(this.names.length));
    // Names recorded meanwhile go in as they come (setName); this reads each CI's name when it gets to it.
    for (let n = 0; n < this.names.length; n++) {
      if (n > 0 && n % REFS_AT_ONCE === 0) yield;
      const name = this.names[n];
      if (name !== undefined) refs.set(this.nameClass[n]!, name, n);
    }
    this.refsIndexed = true;
  }

  async edgesTouching(ids: string[]): Promise<Edge[]> {
    return this.edgesTouchingSync(ids);
  }

  /** For each id in order: its outgoing relationships, then its incoming ones, each in the order added. */
  edgesTouchingSync(ids: string[]): Edge[] {
    const result: Edge[] = [];
    for (const id of ids) {
      const n = this.index.get(id);
      if (n === undefined) continue;
      this.out.forEach(n, (t, type) =>
        result.push({ type: this.types[type]!, sourceId: id, targetId: this.index.idOf(t) }),
      );
      this.in.forEach(n, (s, type) =>
        result.push({ type: this.types[type]!, sourceId: this.index.idOf(s), targetId: id }),
      );
    }
    return result;
  }

  private intern(id: string): number {
    return this.numbered(this.index.intern(id));
  }

  private internAt(text: string, start: number, end: number): number {
    return this.numbered(this.index.internAt(text, start, end));
  }

  /** `n`, with room made for it in the arrays per CI number when it is new. */
  private numbered(n: number): number {
    if (n === this.names.length) {
      this.linkedFlags = grown(this.linkedFlags, n + 1);
      this.names.push(undefined);
      this.nameClass.push(0);
    }
    return n;
  }

  private internType(type: string): number {
    // A load adds a CI's edges grouped by type: most look-ups are the type just asked for.
    if (type === this.lastType) return this.lastTypeNumber;
    let n = this.typeIndex.get(type);
    if (n === undefined) {
      n = this.types.length;
      this.typeIndex.set(type, n);
      this.types.push(type);
    }
    this.lastType = type;
    this.lastTypeNumber = n;
    return n;
  }

  /** The number of the type at `text[start, end)`: a handful of types, compared where they stand. */
  private internTypeAt(text: string, start: number, end: number): number {
    const last = this.lastType;
    if (end - start === last.length && text.startsWith(last, start)) return this.lastTypeNumber;
    const types = this.types;
    for (let n = 0; n < types.length; n++) {
      const type = types[n]!;
      if (end - start === type.length && text.startsWith(type, start)) {
        this.lastType = type;
        this.lastTypeNumber = n;
        return n;
      }
    }
    return this.internType(text.slice(start, end));
  }

  private internClass(cls: string): number {
    let c = this.classIndex.get(cls);
    if (c === undefined) {
      c = this.classes.length;
      this.classIndex.set(cls, c);
      this.classes.push(cls);
    }
    this.lastClass = c;
    return c;
  }

  /** The number of the class at `text[start, end)`: most CIs of a page are of the class just read. */
  private internClassAt(text: string, start: number, end: number): number {
    const last = this.classes[this.lastClass];
    if (last !== undefined && end - start === last.length && text.startsWith(last, start)) return this.lastClass;
    return this.internClass(text.slice(start, end));
  }

  private link(n: number): void {
    if (this.linkedFlags[n] === 1) return;
    this.linkedFlags[n] = 1;
    this.linked++;
  }
}
