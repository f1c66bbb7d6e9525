/**
 * One direction of the in-memory graph's relationships: for each CI number, its list of
 * `(other end, type)` pairs, in the order they were added.
 *
 * Built for a load of millions: pairs pushed before the first read are staged in three typed
 * arrays, then packed once (`seal`) into one array of pairs indexed by an array of offsets per CI
 * (compressed sparse rows). No object per CI or per relationship, so garbage collection has
 * almost nothing to walk. A list changed after sealing (a later commit) is copied out into a
 * plain array of its own, which from then on replaces its packed slice.
 */
export class PackedAdjacency {
  /**
   * Triples `(owner, other, type)` pushed before sealing, in chunks of STAGE_CHUNK: a load of 2.9M
   * relationships grew arrays by doubling, and copying them (then zeroing twice the memory) cost
   * 0.3 s of its CPU at 1M CIs; a chunk is filled once and never copied.
   */
  private readonly stagedChunks: Int32Array[] = [];
  private stage = new Int32Array(0);
  /** Entries used of `stage` (three a triple). */
  private stageFill = 0;
  private staged = 0;
  private sealed = false;
  /** CI `n`'s pairs are `pairs[2 * offsets[n]]` up to `pairs[2 * offsets[n + 1]]` (n below `covered`). */
  private offsets = new Int32Array(1);
  private pairs = new Int32Array(0);
  private covered = 0;
  /** Lists changed since sealing: `[other, type, other, type, …]`. */
  private readonly changed = new Map<number, number[]>();

  push(owner: number, other: number, type: number): void {
    if (this.sealed) {
      this.own(owner).push(other, type);
      return;
    }
    let stage = this.stage;
    let at = this.stageFill;
    if (at === stage.length) {
      // Small first (most graphs are small), then STAGE_CHUNK triples each.
      stage = this.stage = new Int32Array(Math.min(3 * STAGE_CHUNK, Math.max(3 * 1024, 2 * stage.length)));
      this.stagedChunks.push(stage);
      at = 0;
    }
    stage[at] = owner;
    stage[at + 1] = other;
    stage[at + 2] = type;
    this.stageFill = at + 3;
    this.staged++;
  }

  /** Calls `visit` with each pair of CI `owner`'s list, in order. */
  forEach(owner: number, visit: (other: number, type: number) => void): void {
    this.seal();
    const list = this.changed.get(owner);
    if (list) {
      for (let i = 0; i < list.length; i += 2) visit(list[i]!, list[i + 1]!);
      return;
    }
    if (owner >= this.covered) return;
    const end = 2 * this.offsets[owner + 1]!;
    for (let i = 2 * this.offsets[owner]!; i < end; i += 2) visit(this.pairs[i]!, this.pairs[i + 1]!);
  }

  /** Removes every `(other, type)` pair from CI `owner`'s list. */
  remove(owner: number, other: number, type: number): void {
    let found = false;
    this.forEach(owner, (o, t) => (found ||= o === other && t === type));
    if (!found) return;
    const kept: number[] = [];
    this.forEach(owner, (o, t) => {
      if (o !== other || t !== type) kept.push(o, t);
    });
    this.changed.set(owner, kept);
  }

  /** Packs the staged pairs, once: a counting sort by owner, which keeps each owner's pairs in the order pushed. */
  seal(): void {
    if (this.sealed) return;
    this.sealed = true;
    const n = this.staged;
    const chunks = this.stagedChunks;
    // The entries used of chunk `c` (all but the last are full).
    const used = (c: number) => (c === chunks.length - 1 ? this.stageFill : chunks[c]!.length);
    let owners = 0;
    for (let c = 0; c < chunks.length; c++) {
      const chunk = chunks[c]!;
      for (let i = 0, end = used(c); i < end; i += 3) owners = Math.max(owners, chunk[i]! + 1);
    }
    const offsets = new Int32Array(owners + 1);
    for (let c = 0; c < chunks.length; c++) {
      const chunk = chunks[c]!;
      for (let i = 0, end = used(c); i < end; i += 3) offsets[chunk[i]! + 1]!++;
    }
    for (let o = 0; o < owners; o++) offsets[o + 1]! += offsets[o]!;
    const next = offsets.slice(0, owners);
    const pairs = new Int32Array(2 * n);
    for (let c = 0; c < chunks.length; c++) {
      const chunk = chunks[c]!;
      for (let i = 0, end = used(c); i < end; i += 3) {
        const at = 2 * next[chunk[i]!]!++;
        pairs[at] = chunk[i + 1]!;
        pairs[at + 1] = chunk[i + 2]!;
      }
    }
    this.offsets = offsets;
    this.pairs = pairs;
    this.covered = owners;
    chunks.length = 0;
    this.stage = new Int32Array(0);
    this.stageFill = 0;
    this.staged = 0;
  }

  /** CI `owner`'s list as a plain array of its own, copied out of the packed pairs on its first change. */
  private own(owner: number): number[] {
    let list = this.changed.get(owner);
    if (!list) {
      list = [];
      if (owner < this.covered)
        for (let i = 2 * this.offsets[owner]!; i < 2 * this.offsets[owner + 1]!; i++) list.push(this.pairs[i]!);
      this.changed.set(owner, list);
    }
    return list;
  }
}

/** Triples a chunk of staged pairs holds at most (768 KiB). */
const STAGE_CHUNK = 65_536;
