import type { Edge, EdgeSource } from './impact.js';

/**
 * The current relationship graph held in memory as adjacency lists over interned CI numbers, for
 * impact analysis on the current state without a query per level. Built once from the store and
 * kept in step by applying each committed revision's relationship writes.
 */
export class MemoryGraph implements EdgeSource {
  private readonly index = new Map<string, number>();
  private readonly ids: string[] = [];
  private readonly out: Edge[][] = [];
  private readonly in: Edge[][] = [];
  /** `class/name` of each current CI, so impact reports name what they reach without a query. */
  private readonly refs = new Map<string, string>();

  get size(): number {
    return this.ids.length;
  }

  add(edge: Edge): void {
    this.out[this.intern(edge.sourceId)]!.push(edge);
    this.in[this.intern(edge.targetId)]!.push(edge);
  }

  remove(edge: Edge): void {
    const same = (e: Edge) => e.type === edge.type && e.sourceId === edge.sourceId && e.targetId === edge.targetId;
    const s = this.index.get(edge.sourceId);
    const t = this.index.get(edge.targetId);
    if (s !== undefined) this.out[s] = this.out[s]!.filter((e) => !same(e));
    if (t !== undefined) this.in[t] = this.in[t]!.filter((e) => !same(e));
  }

  setRef(id: string, ref: string): void {
    this.refs.set(id, ref);
  }

  removeRef(id: string): void {
    this.refs.delete(id);
  }

  refOf(id: string): string | undefined {
    return this.refs.get(id);
  }

  async edgesTouching(ids: string[]): Promise<Edge[]> {
    return this.edgesTouchingSync(ids);
  }

  edgesTouchingSync(ids: string[]): Edge[] {
    const result: Edge[] = [];
    for (const id of ids) {
      const n = this.index.get(id);
      if (n === undefined) continue;
      for (const e of this.out[n]!) result.push(e);
      for (const e of this.in[n]!) result.push(e);
    }
    return result;
  }

  private intern(id: string): number {
    let n = this.index.get(id);
    if (n === undefined) {
      n = this.ids.length;
      this.index.set(id, n);
      this.ids.push(id);
      this.out.push([]);
      this.in.push([]);
    }
    return n;
  }
}
