import { BitSet } from '../shared/bit-set.js';
import { grown } from '../shared/grown.js';
import { PackedTextIndex } from '../shared/packed-text-index.js';
import { NumberSet } from './number-set.js';

/** Distinct references a relationship key can hold: two such numbers fit exactly in a double. */
const MAX_REFS = 2 ** 26;

/**
 * The references (`class/name`) an import's input names, and its relationships, for spotting
 * repeats, deferring relationships to later CIs and pruning; and the ids of the CIs the import
 * wrote or read, and which of them it created. Kept for the whole run, so it grows with the input,
 * and all of it is packed off the V8 heap: each reference is numbered once (a PackedTextIndex, its
 * bytes kept once), a relationship is a number (from × 2^26 + to) in a packed set per type
 * (NumberSet), ids are numbered the same way and flags are bits. As strings in `Map`s and `Set`s
 * this took about 285 bytes of heap a CI, and a `Map` holds at most 2^24 entries; packed, about a
 * hundred bytes a CI, and up to 2^26 references. Exact: texts are compared on every hash hit.
 */
export class InputNames {
  /** Each reference the input names, numbered. */
  private readonly refs = new PackedTextIndex();
  /** The reference numbers a CI of the input bears. */
  private readonly borne = new BitSet();
  /** Relationship type → from × MAX_REFS + to, for each relationship of the input. */
  private readonly relations = new Map<string, NumberSet>();
  /** The ids of the CIs the import wrote or read, numbered. */
  private readonly ids = new PackedTextIndex();
  /** Per reference number: its current CI's id number + 1, or 0 while not known. */
  private idNumberOfRef = new Uint32Array(1024);
  /** The id numbers of the CIs the import created. */
  private readonly created = new BitSet();
  /**
   * The two references last numbered (`recent[0]` the later) and their numbers. An input lists a
   * CI's relationships one after another, so a relationship's source is mostly the one before's,
   * between its targets: comparing two strings costs a fraction of hashing one and probing.
   */
  private readonly recent = ['', ''];
  private readonly recentNumbers = [-1, -1];
  /** The same for the ids `idOfNumber` last made, by reference number. */
  private readonly recentIds = ['', ''];
  private readonly recentIdRefs = [-1, -1];

  /** Whether a CI of the input bears this reference. */
  has(ref: string): boolean {
    const n = this.refs.get(ref);
    return n !== undefined && this.borne.has(n);
  }

  /** The number of the reference `addCi` was last given: `rememberIdOfNumber` takes it. */
  lastCi = -1;

  /** Records a CI of the input; false when another already bore its reference. */
  addCi(ref: string): boolean {
    this.lastCi = this.numberOf(ref);
    return this.borne.add(this.lastCi);
  }

  /** Records a relationship of the input; false when the input already held it. */
  addRelation(type: string, from: string, to: string): boolean {
    return this.addRelationEnds(type, from, to) !== undefined;
  }

  /**
   * The numbers of the ends (`from`, `to`, as given) of the relationship `addRelationEnds` was
   * last given: `idOfNumber` answers for them without looking their references up again.
   */
  readonly lastEnds: [from: number, to: number] = [0, 0];

  /**
   * addRelation telling, for a new relationship, whether CIs of the input bear both its ends so
   * far (`has` of each), from the same two look-ups; undefined when the input already held it.
   */
  addRelationEnds(type: string, from: string, to: string): boolean | undefined {
    const f = this.numberOf(from);
    const t = this.numberOf(to);
    this.lastEnds[0] = f;
    this.lastEnds[1] = t;
    let keys = this.relations.get(type);
    if (!keys) this.relations.set(type, (keys = new NumberSet()));
    if (!keys.add(f * MAX_REFS + t)) return undefined;
    return this.borne.has(f) && this.borne.has(t);
  }

  /** Whether the input holds this relationship (as written: type, from, to). */
  hasRelation(type: string, from: string, to: string): boolean {
    const f = this.refs.get(from);
    const t = this.refs.get(to);
    if (f === undefined || t === undefined) return false;
    return this.relations.get(type)?.has(f * MAX_REFS + t) ?? false;
  }

  /** The id of the current CI `ref` names, if `rememberId` was told it. */
  idOf(ref: string): string | undefined {
    const n = this.refs.get(ref);
    return n === undefined ? undefined : this.idOfNumber(n);
  }

  /** `idOf` the reference numbered `n` (`lastEnds`). */
  idOfNumber(n: number): string | undefined {
    const { recentIds, recentIdRefs } = this;
    if (n === recentIdRefs[0]) return recentIds[0];
    if (n === recentIdRefs[1]) return swapped(recentIds, recentIdRefs);
    const id = n < this.idNumberOfRef.length ? this.idNumberOfRef[n]! : 0;
    if (id === 0) return undefined;
    // Kept only while the id stays: rememberId may give the reference another.
    return newest(recentIds, recentIdRefs, this.ids.textOf(id - 1), n);
  }

  /**
   * Keeps the id of the current CI `ref` names, for relationship ends in later batches. Only a
   * reference the input names is kept (what the import may look up again); others are let go.
   */
  rememberId(ref: string, id: string): void {
    const n = this.refs.get(ref);
    if (n !== undefined) this.rememberIdOfNumber(n, id);
  }

  /**
   * `rememberId` of the reference numbered `n` (`lastCi`), without looking the reference up again;
   * with `created`, `addCreated` of the id too, from the same look-up of it.
   */
  rememberIdOfNumber(n: number, id: string, created = false): void {
    const idNumber = this.ids.intern(id);
    this.idNumberOfRef = grown(this.idNumberOfRef, n + 1);
    this.idNumberOfRef[n] = idNumber + 1;
    this.recentIdRefs.fill(-1);
    if (created) this.created.add(idNumber);
  }

  /** Records that the import created the CI with this id: no relationship of it can exist before. */
  addCreated(id: string): void {
    this.created.add(this.ids.intern(id));
  }

  /** Whether `addCreated` was told any id: until then `isCreated` is false for every id. */
  get createdAny(): boolean {
    return this.created.size > 0;
  }

  /** Whether `addCreated` was told this id. */
  isCreated(id: string): boolean {
    // A re-import creates few CIs or none, and asks this of every relationship's ends: without
    // created ids there is no id to look up.
    if (this.created.size === 0) return false;
    const n = this.ids.get(id);
    return n !== undefined && this.created.has(n);
  }

  /** The reference's number; numbered if new. */
  private numberOf(ref: string): number {
    const { recent, recentNumbers } = this;
    if (ref === recent[0]) return recentNumbers[0]!;
    if (ref === recent[1]) return swapped(recentNumbers, recent);
    const n = this.refs.intern(ref);
    if (n >= MAX_REFS) throw new Error(`an import names at most ${MAX_REFS} distinct CIs`);
    return newest(recentNumbers, recent, n, ref);
  }
}

/** Swaps the two entries of a two-entry memo (values, keys), the older becoming the later: returns its value. */
function swapped<V, K>(values: V[], keys: K[]): V {
  const value = values[1]!;
  values[1] = values[0]!;
  values[0] = value;
  const key = keys[1]!;
  keys[1] = keys[0]!;
  keys[0] = key;
  return value;
}

/** Puts `value` for `key` first in a two-entry memo, the older entry dropped: returns `value`. */
function newest<V, K>(values: V[], keys: K[], value: V, key: K): V {
  values[1] = values[0]!;
  keys[1] = keys[0]!;
  values[0] = value;
  keys[0] = key;
  return value;
}
