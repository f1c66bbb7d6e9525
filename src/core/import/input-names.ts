/** Distinct references a relationship key can hold: two such numbers fit exactly in a double. */
const MAX_REFS = 2 ** 26;

/**
 * The references (`class/name`) an import's input names, and its relationships, for spotting
 * repeats, deferring relationships to later CIs and pruning. A million-CI input names about three
 * million relationships: held as `type\0from\0to` strings they took about 480 MiB, so each
 * reference is numbered once and a relationship is a number (from × 2^26 + to) in a set per type,
 * about a quarter of that. Exact: two relationships share a number only if they are the same.
 */
export class InputNames {
  /** Reference → its number × 2, plus 1 once a CI of the input bears it. */
  private readonly refs = new Map<string, number>();
  /** Relationship type → from × MAX_REFS + to, for each relationship of the input. */
  private readonly relations = new Map<string, Set<number>>();

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
    const key = this.numberOf(from) * MAX_REFS + this.numberOf(to);
    let keys = this.relations.get(type);
    if (!keys) this.relations.set(type, (keys = new Set()));
    if (keys.has(key)) return false;
    keys.add(key);
    return true;
  }

  /** Whether the input holds this relationship (as written: type, from, to). */
  hasRelation(type: string, from: string, to: string): boolean {
    const f = this.refs.get(from);
    const t = this.refs.get(to);
    if (f === undefined || t === undefined) return false;
    return this.relations.get(type)?.has((f >>> 1) * MAX_REFS + (t >>> 1)) ?? false;
  }

  private numberOf(ref: string): number {
    let v = this.refs.get(ref);
    if (v === undefined) this.refs.set(ref, (v = this.newNumber() * 2));
    return v >>> 1;
  }

  private newNumber(): number {
    if (this.refs.size >= MAX_REFS) throw new Error(`an import names at most ${MAX_REFS} distinct CIs`);
    return this.refs.size;
  }
}
