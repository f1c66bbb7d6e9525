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
  private idOfRef = new Uint32Array(1024);
  /** The id numbers of the CIs the import created. */
  private readonly created = new BitSet();

  /** Whether a CI of the input bears this reference. */
  has(ref: string): boolean {
    const n = this.refs.get(ref);
    return n !== undefined && this.borne.has(n);
  }

  /** Records a CI of the input; false when another already bore its reference. */
  addCi(ref: string): boolean {
    return this.borne.add(this.numberOf(ref));
  }

  /** Records a relationship of the input; false when the input already held it. */
  addRelation(type: string, from: string, to: string): boolean {
    return this.addRelationEnds(type, from, to) !== undefined;
  }

  /**
   * addRelation telling, for a new relationship, whether CIs of the input bear both its ends so
   * far (`has` of each), from the same two look-ups; undefined when the input already held it.
   */
  addRelationEnds(type: string, from: string, to: string): boolean | undefined {
    const f = this.numberOf(from);
    const t = this.numberOf(to);
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
    const id = n === undefined || n >= this.idOfRef.length ? 0 : this.idOfRef[n]!;
    return id === 0 ? undefined : this.ids.textOf(id - 1);
  }

  /**
   * Keeps the id of the current CI `ref` names, for relationship ends in later batches. Only a
   * reference the input names is kept (what the import may look up again); others are let go.
   */
  rememberId(ref: string, id: string): void {
    const n = this.refs.get(ref);
    if (n === undefined) return;
    this.idOfRef = grown(this.idOfRef, n + 1);
    this.idOfRef[n] = this.ids.intern(id) + 1;
  }

  /** Records that the import created the CI with this id: no relationship of it can exist before. */
  addCreated(id: string): void {
    this.created.add(this.ids.intern(id));
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
    const n = this.refs.intern(ref);
    if (n >= MAX_REFS) throw new Error(`an import names at most ${MAX_REFS} distinct CIs`);
    return n;
  }
}
