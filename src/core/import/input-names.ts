import { NumberSet } from './number-set.js';

/** Distinct references a relationship key can hold: two such numbers fit exactly in a double. */
const MAX_REFS = 2 ** 26;

/**
 * The references (`class/name`) an import's input names, and its relationships, for spotting
 * repeats, deferring relationships to later CIs and pruning. A million-CI input names about three
 * million relationships: held as `type\0from\0to` strings they took about 480 MiB, so each
 * reference is numbered once and a relationship is a number (from × 2^26 + to) in a packed set
 * per type (NumberSet), about a tenth of that. Exact: two relationships share a number only if
 * they are the same. Once the import has written or read the current CI a reference names, its id
 * is kept by the reference's number too: relationship ends in later batches are not read again.
 */
export class InputNames {
  /** Reference → its number × 2, plus 1 once a CI of the input bears it. */
  private readonly refs = new Map<string, number>();
  /** Relationship type → from × MAX_REFS + to, for each relationship of the input. */
  private readonly relations = new Map<string, NumberSet>();
  /** The id of the current CI each reference names, by its number, once known. */
  private readonly ids: (string | undefined)[] = [];

  /** Whether a CI of the input bears this reference. */
  has(ref: string): boolean {
    return ((this.refs.get(ref) ?? 0) & 1) === 1;
  }

  /** Records a CI of the input; false when another already bore its reference. */
  addCi(ref: string): boolean {
    const v = this.refs.get(ref);
    if (v !== undefined && (v & 1) === 1) return false;
    this.refs.set(ref, (v ?? this.newNumber() * 2) | 1);
    return true;
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
    const f = this.valueOf(from);
    const t = this.valueOf(to);
    let keys = this.relations.get(type);
    if (!keys) this.relations.set(type, (keys = new NumberSet()));
    if (!keys.add((f >>> 1) * MAX_REFS + (t >>> 1))) return undefined;
    return (f & 1) === 1 && (t & 1) === 1;
  }

  /** Whether the input holds this relationship (as written: type, from, to). */
  hasRelation(type: string, from: string, to: string): boolean {
    const f = this.refs.get(from);
    const t = this.refs.get(to);
    if (f === undefined || t === undefined) return false;
    return this.relations.get(type)?.has((f >>> 1) * MAX_REFS + (t >>> 1)) ?? false;
  }

  /** The id of the current CI `ref` names, if `rememberId` was told it. */
  idOf(ref: string): string | undefined {
    const v = this.refs.get(ref);
    return v === undefined ? undefined : this.ids[v >>> 1];
  }

  /**
   * Keeps the id of the current CI `ref` names, for relationship ends in later batches. Only a
   * reference the input names is kept (what the import may look up again); others are let go.
   */
  rememberId(ref: string, id: string): void {
    const v = this.refs.get(ref);
    if (v === undefined) return;
    const n = v >>> 1;
    // Filled in order, so that the list stays packed (no holes) however the ids arrive.
    while (this.ids.length < n) this.ids.push(undefined);
    this.ids[n] = id;
  }

  /** The reference's number × 2, plus 1 if a CI of the input bears it; numbered if new. */
  private valueOf(ref: string): number {
    let v = this.refs.get(ref);
    if (v === undefined) this.refs.set(ref, (v = this.newNumber() * 2));
    return v;
  }

  private newNumber(): number {
    if (this.refs.size >= MAX_REFS) throw new Error(`an import names at most ${MAX_REFS} distinct CIs`);
    return this.refs.size;
  }
}
