import { grown } from '../shared/grown.js';
import { FNV_PRIME, hashText, OpenHashIndex } from '../shared/open-hash-index.js';

/** A CI's reference as the graph keeps it: its class's number in the graph, and its name. */
interface RefKey {
  cls: number;
  name: string;
}

/**
 * The in-memory graph's CI numbers by reference (class and name): the CI an impact report starts
 * from is found without asking the store which CI `class/name` names (on PostgreSQL a round trip
 * a report, and the tail of its latency). An OpenHashIndex of the references ever recorded, each
 * pointing at the CI that was given it last; a CI removed since, or renamed, keeps its entry, so
 * the graph checks the answer against the CI's current name (MemoryGraph.idOfRef).
 */
export class RefIndex extends OpenHashIndex<RefKey> {
  /** Per reference number: its name and its class's number (for `holds`), and the CI given it last. */
  private readonly names: string[] = [];
  private classes = new Int32Array(1024);
  private cis = new Int32Array(1024);
  /** The one key a look-up asks with, reused: no object per look-up. */
  private readonly key: RefKey = { cls: 0, name: '' };

  /** `expected`: the references about to be recorded (room made for them at once). */
  constructor(expected = 0) {
    super(0, expected);
  }

  /** Records that CI number `ci` is now `name` of class number `cls`. */
  set(cls: number, name: string, ci: number): void {
    const r = this.intern(this.keyOf(cls, name));
    this.cis = grown(this.cis, r + 1);
    this.cis[r] = ci;
  }

  /** The CI number last given `name` of class number `cls`, or undefined when none was. */
  ciOf(cls: number, name: string): number | undefined {
    const r = this.get(this.keyOf(cls, name));
    return r === undefined ? undefined : this.cis[r];
  }

  protected hashOf(key: RefKey): number {
    return Math.imul(hashText(key.name) ^ key.cls, FNV_PRIME) >>> 0;
  }

  protected holds(r: number, key: RefKey): boolean {
    return this.classes[r] === key.cls && this.names[r] === key.name;
  }

  protected keep(key: RefKey, r: number): void {
    this.names[r] = key.name;
    this.classes = grown(this.classes, r + 1);
    this.classes[r] = key.cls;
  }

  private keyOf(cls: number, name: string): RefKey {
    const key = this.key;
    key.cls = cls;
    key.name = name;
    return key;
  }
}
