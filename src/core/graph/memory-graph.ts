import type { Edge, EdgeSource } from './impact.js';

/**
 * The current relationship graph held in memory, for impact analysis on the current state
 * without a query per level. Built once from the store and kept in step by applying each
 * committed revision's relationship writes.
 *
 * Compact on purpose: at 1M CIs and 3M relationships an object per relationship (and its id
 * string) kept the old generation so large that loading took 12 s, mostly garbage collection,
 * and every later collection in the server paid for walking it. Here CI ids and relationship
 * types are interned to small integers once, and each CI's relationships are packed pairs of
 * integers (the CI at the other end, the type) in plain arrays; `Edge` objects are made only for
 * the few CIs a walk asks about.
 */
export class MemoryGraph implements EdgeSource {
  private readonly index = new Map<string, number>();
  private readonly ids: string[] = [];
  /** Per CI number: `[target, type, target, type, …]` of its outgoing relationships, absent until it has one. */
  private readonly out: (number[] | undefined)[] = [];
  /** Per CI number: `[source, type, …]` of its incoming relationships. */
  private readonly in: (number[] | undefined)[] = [];
  /** `class/name` of each current CI by number, so impact reports name what they reach without a query. */
  private readonly refs: (string | undefined)[] = [];
  private readonly typeIndex = new Map<string, number>();
  private readonly types: string[] = [];
  private linked = 0;
  /**
   * False while a server is still loading the graph (GraphSync): until then readers of the
   * current state ask the store instead (the same answers, a query per walk), so a server serves
   * before a large graph is in memory. A graph built by hand is ready at once.
   */
  ready = true;

  /** How many CIs are an end of some relationship (or were). */
  get size(): number {
    return this.linked;
  }

  add(edge: Edge): void {
    const s = this.intern(edge.sourceId);
    const t = this.intern(edge.targetId);
    const type = this.internType(edge.type);
    this.adjacency(this.out, s).push(t, type);
    this.adjacency(this.in, t).push(s, type);
  }

  remove(edge: Edge): void {
    const s = this.index.get(edge.sourceId);
    const t = this.index.get(edge.targetId);
    const type = this.typeIndex.get(edge.type);
    if (s === undefined || t === undefined || type === undefined) return;
    this.out[s] = withoutPair(this.out[s], t, type);
    this.in[t] = withoutPair(this.in[t], s, type);
  }

  setRef(id: string, ref: string): void {
    this.refs[this.intern(id)] = ref;
  }

  removeRef(id: string): void {
    const n = this.index.get(id);
    if (n !== undefined) this.refs[n] = undefined;
  }

  refOf(id: string): string | undefined {
    const n = this.index.get(id);
    return n === undefined ? undefined : this.refs[n];
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
      const out = this.out[n];
      if (out)
        for (let i = 0; i < out.length; i += 2)
          result.push({ type: this.types[out[i + 1]!]!, sourceId: id, targetId: this.ids[out[i]!]! });
      const inc = this.in[n];
      if (inc)
        for (let i = 0; i < inc.length; i += 2)
          result.push({ type: this.types[inc[i + 1]!]!, sourceId: this.ids[inc[i]!]!, targetId: id });
    }
    return result;
  }

  private intern(id: string): number {
    let n = this.index.get(id);
    if (n === undefined) {
      n = this.ids.length;
      this.index.set(id, n);
      this.ids.push(id);
      this.out.push(undefined);
      this.in.push(undefined);
      this.refs.push(undefined);
    }
    return n;
  }

  private internType(type: string): number {
    let n = this.typeIndex.get(type);
    if (n === undefined) {
      n = this.types.length;
      this.typeIndex.set(type, n);
      this.types.push(type);
    }
    return n;
  }

  /** The CI's list in `lists`, made on its first relationship (most CIs have a few: no list until then). */
  private adjacency(lists: (number[] | undefined)[], n: number): number[] {
    let list = lists[n];
    if (!list) {
      if (!this.out[n] && !this.in[n]) this.linked++;
      list = lists[n] = [];
    }
    return list;
  }
}

/** `pairs` without every `(end, type)` pair in it; the same array when there is none. */
function withoutPair(pairs: number[] | undefined, end: number, type: number): number[] | undefined {
  if (!pairs) return pairs;
  let found = false;
  for (let i = 0; i < pairs.length && !found; i += 2) found = pairs[i] === end && pairs[i + 1] === type;
  if (!found) return pairs;
  const kept: number[] = [];
  for (let i = 0; i < pairs.length; i += 2)
    if (pairs[i] !== end || pairs[i + 1] !== type) kept.push(pairs[i]!, pairs[i + 1]!);
  return kept;
}
