import type { DesiredCi } from '../ci/desired-state.js';
import { RefPositions, type Ref } from './ref-positions.js';

/** One class's items in the observation, up to position `end`, and how far look-ups have read them. */
interface ClassRun {
  /** The first item not yet passed by a look-up. */
  next: number;
  end: number;
  /** The name asked for last, which the next one must follow. */
  asked: string | undefined;
}

/**
 * Positions of an observation's items by class and name when the observation lists them class by
 * class, each class's names strictly ascending, as a listing sorted by name or a scan of a CMDB
 * lists them. A drift scan reads CIs in (class, name) order too, so a CI's item is found by
 * walking its class's run alongside the scan, a string comparison or two a CI, where hashing
 * every item's class and name and then every CI's (RefPositions) was about a sixth of a check
 * at a million items (issue 14).
 *
 * The same answers as RefPositions in any order of asking: a look-up whose name does not follow
 * the one asked before in its class (a store that orders names otherwise than JavaScript does)
 * builds the hashed positions once, and they answer from then on. Walking is exact while names
 * come in ascending order: every item passed was named before the CI asked about, and so before
 * every CI after it.
 */
export class ListedRefs {
  private lastClass: string | undefined;
  private lastRun: ClassRun | undefined;
  private hashed: RefPositions | undefined;

  private constructor(
    private readonly items: readonly DesiredCi[],
    private readonly runs: Map<string, ClassRun>,
  ) {}

  /**
   * The positions of `items` if they are listed class by class with names strictly ascending
   * (so no class/name is repeated), otherwise undefined. Costs a string comparison an item.
   */
  static of(items: readonly DesiredCi[]): ListedRefs | undefined {
    const runs = new Map<string, ClassRun>();
    let run: ClassRun | undefined;
    let cls: string | undefined;
    let name = '';
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      if (item.class !== cls) {
        cls = item.class;
        // A class listed in two places: not a listing this walks.
        if (runs.has(cls)) return undefined;
        if (run) run.end = i;
        run = { next: i, end: items.length, asked: undefined };
        runs.set(cls, run);
      } else if (!(item.name > name)) return undefined;
      name = item.name;
    }
    return new ListedRefs(items, runs);
  }

  /** Distinct class/names held: every item, none being repeated. */
  get size(): number {
    return this.items.length;
  }

  /** The position of the item of `ref`'s class and name, if there is one. */
  get(ref: Ref): number | undefined {
    if (this.hashed) return this.hashed.get(ref);
    const cls = ref.class;
    if (cls !== this.lastClass) {
      this.lastClass = cls;
      this.lastRun = this.runs.get(cls);
    }
    const run = this.lastRun;
    if (run === undefined) return undefined;
    const name = ref.name;
    if (run.asked !== undefined && !(name > run.asked)) return this.hash().get(ref);
    run.asked = name;
    const items = this.items;
    while (run.next < run.end && items[run.next]!.name < name) run.next++;
    return run.next < run.end && items[run.next]!.name === name ? run.next : undefined;
  }

  /** Every item's position hashed, for look-ups out of order from now on. */
  private hash(): RefPositions {
    const hashed = new RefPositions(this.items.length);
    this.items.forEach((item, i) => hashed.set(item, i));
    this.hashed = hashed;
    return hashed;
  }
}
