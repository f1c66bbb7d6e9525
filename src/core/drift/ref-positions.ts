import { grown } from '../shared/grown.js';
import { FNV_PRIME, hashText, OpenHashIndex } from '../shared/open-hash-index.js';

/** What a position is looked up by: an observed item or a CI, read for its class and name only. */
export interface Ref {
  readonly class: string;
  readonly name: string;
}

/**
 * Positions of observed items by class and name, in an open-addressing table over typed arrays
 * (open-hash-index.ts): each class/name is numbered the first time it is set, and its position
 * kept in an integer array by that number. No `class/name` string is made per item or per CI
 * asked about, and no Map entry: at a million items, filling and asking a Map per class was
 * about a tenth of a drift check.
 */
export class RefPositions {
  private readonly refs: RefIndex;
  private at: Int32Array;

  /** `expected`: the class/names the caller knows it will set (room made at once). */
  constructor(expected = 0) {
    this.refs = new RefIndex(expected);
    this.at = new Int32Array(Math.max(1024, expected));
  }

  /** Distinct class/names held. */
  get size(): number {
    return this.refs.size;
  }

  get(ref: Ref): number | undefined {
    const n = this.refs.get(ref);
    return n === undefined ? undefined : this.at[n];
  }

  /** Sets the position of `ref`'s class/name, replacing any it had. */
  set(ref: Ref, at: number): void {
    const n = this.refs.intern(ref);
    this.at = grown(this.at, n + 1);
    this.at[n] = at;
  }
}

/** Class/names numbered in the order first set; the first ref set under each is kept to compare with. */
class RefIndex extends OpenHashIndex<Ref> {
  private readonly kept: Ref[] = [];
  /** The class hashed last and its hash: items and CIs come grouped by class, mostly. */
  private lastClass = '';
  private lastClassHash = hashText('');

  constructor(expected: number) {
    super(0, expected);
  }

  protected hashOf(ref: Ref): number {
    const cls = ref.class;
    if (cls !== this.lastClass) {
      this.lastClass = cls;
      this.lastClassHash = hashText(cls);
    }
    // The class's hash mixed in after the name's: names repeat across classes now and then.
    return Math.imul(hashText(ref.name) ^ this.lastClassHash, FNV_PRIME) >>> 0;
  }

  protected holds(n: number, ref: Ref): boolean {
    const kept = this.kept[n]!;
    return kept.name === ref.name && kept.class === ref.class;
  }

  protected keep(ref: Ref, n: number): void {
    this.kept[n] = ref;
  }
}
