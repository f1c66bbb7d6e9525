import type { DesiredCi } from '../ci/desired-state.js';
import type { ModelRegistry } from '../model/model-registry.js';
import type { ScannedCi } from './drift.port.js';
import { RefPositions } from './ref-positions.js';

/** An observed item paired with the CI it describes, and how they were paired. */
export interface MatchedPair {
  observed: DesiredCi;
  ci: ScannedCi;
  /** The identification key that matched (`serial_number`), or `name` for class/name. */
  by: string;
}

export interface MatchResult {
  pairs: MatchedPair[];
  /** Observed items no CI matched. */
  unmatched: DesiredCi[];
  /** Loaded CIs no observed item matched (the caller decides which are in scope). */
  unobserved: ScannedCi[];
}

/** Marks a key value two CIs share: it identifies neither. */
const AMBIGUOUS = -1;

/** Per identification root and key: each value's CI (its position in the scan), or AMBIGUOUS. */
type KeyIndex = Map<string, Map<string | number, number>>;

/** An identification root's keys, in the order listed, and the value index of each. */
interface Root {
  keys: string[];
  slots: Map<string | number, number>[];
}

/**
 * The class whose identification keys an item of `className` uses: the nearest class of its
 * lineage that declares `identify`. CIs of that class and of all its subclasses are candidates,
 * so an observed `server` can match a recorded `linux_server` with the same serial number.
 */
export function identificationRoot(registry: ModelRegistry, className: string): string | undefined {
  return registry.lineage(className).find((c) => c.identify && c.identify.length > 0)?.name;
}

/** The classes whose CIs an observation of these classes can match. */
export function candidateClasses(registry: ModelRegistry, observedClasses: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const c of observedClasses) {
    out.add(c);
    const root = identificationRoot(registry, c);
    if (root) for (const d of registry.withDescendants(root)) out.add(d);
  }
  return [...out];
}

/** A scalar usable as an identifying value; objects, lists and empty strings identify nothing. */
function keyValue(v: unknown): string | number | undefined {
  if (typeof v === 'string') return v.trim() === '' ? undefined : v;
  return typeof v === 'number' ? v : undefined;
}

/** The value indexes of a root's keys, in the order the keys are listed. */
function slotsFor(index: KeyIndex, root: string, keys: string[]): Map<string | number, number>[] {
  return keys.map((k) => slot(index, `${root}\u0000${k}`));
}

function slot(index: KeyIndex, name: string): Map<string | number, number> {
  let m = index.get(name);
  if (!m) index.set(name, (m = new Map<string | number, number>()));
  return m;
}

/**
 * Pairs observed items with CIs: first by identification keys (in the order the class lists
 * them; a value shared by two CIs is ambiguous and skipped), then by exact `class/name`. Each CI
 * is paired at most once. Pure and in memory: the cost is linear in items plus CIs.
 */
export function matchObserved(
  observed: DesiredCi[],
  cis: Iterable<ScannedCi>,
  registry: ModelRegistry,
  /**
   * Each item's position by `class/name` (refKey), when the caller already has it: only for
   * items whose class/names are all different (a check's uniqueItems), so that the item a CI's
   * class/name names is the one item of that class/name, paired by key already or not.
   */
  positions?: Pick<RefPositions, 'get'>,
): MatchResult {
  const index: KeyIndex = new Map();
  const all: ScannedCi[] = [];
  const ciRoots = new Map<string, Root[]>();
  for (const ci of cis) {
    const at = all.length;
    all.push(ci);
    let roots = ciRoots.get(ci.class);
    if (!roots) {
      roots = registry
        .lineage(ci.class)
        .flatMap((c) =>
          c.identify && c.identify.length > 0 ? [{ keys: c.identify, slots: slotsFor(index, c.name, c.identify) }] : [],
        );
      ciRoots.set(ci.class, roots);
    }
    if (roots.length === 0) continue;
    // Read once: a scanned CI parses its attributes on each read (the store's scannedCi).
    const attributes = ci.attributes;
    for (const { keys, slots } of roots) {
      for (let k = 0; k < keys.length; k++) {
        const v = keyValue(attributes[keys[k]!]);
        if (v === undefined) continue;
        const m = slots[k]!;
        m.set(v, m.has(v) ? AMBIGUOUS : at);
      }
    }
  }

  // Per CI position: 1 once paired. Positions, not ids: a million-entry set of ids was a
  // large part of a check at 1M CIs.
  const claimed = new Uint8Array(all.length);
  const pairOf = new Array<MatchedPair | undefined>(observed.length);
  const observedRoots = new Map<string, Root | null>();
  observed.forEach((o, i) => {
    let root = observedRoots.get(o.class);
    if (root === undefined) {
      const name = identificationRoot(registry, o.class);
      const keys = registry.identifyKeys(o.class);
      root = name ? { keys, slots: slotsFor(index, name, keys) } : null;
      observedRoots.set(o.class, root);
    }
    if (!root || !o.attributes) return;
    for (let k = 0; k < root.keys.length; k++) {
      const v = keyValue(o.attributes[root.keys[k]!]);
      if (v === undefined) continue;
      const c = root.slots[k]!.get(v);
      if (c !== undefined && c !== AMBIGUOUS && claimed[c] === 0) {
        claimed[c] = 1;
        pairOf[i] = { observed: o, ci: all[c]!, by: root.keys[k]! };
        return;
      }
    }
  });
  // Then by class/name: each CI still unpaired goes to the first item of its class/name, in
  // observation order, that no key paired (a live class/name names one CI at most).
  const byRef = positions ?? firstUnpairedByRef(observed, pairOf);

  for (let c = 0; c < all.length; c++) {
    if (claimed[c] === 1) continue;
    const ci = all[c]!;
    const i = byRef.get(ci);
    if (i === undefined || pairOf[i]) continue;
    claimed[c] = 1;
    pairOf[i] = { observed: observed[i]!, ci, by: 'name' };
  }
  const pairs: MatchedPair[] = [];
  const unmatched: DesiredCi[] = [];
  observed.forEach((o, i) => {
    const pair = pairOf[i];
    if (pair) pairs.push(pair);
    else unmatched.push(o);
  });
  return { pairs, unmatched, unobserved: all.filter((_, c) => claimed[c] === 0) };
}

/** Per class and name, the first item in observation order that no key paired. */
function firstUnpairedByRef(observed: DesiredCi[], pairOf: (MatchedPair | undefined)[]): RefPositions {
  const byRef = new RefPositions();
  observed.forEach((o, i) => {
    if (!pairOf[i] && byRef.get(o) === undefined) byRef.set(o, i);
  });
  return byRef;
}
