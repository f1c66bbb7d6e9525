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
  const observedRoots = rootsOfObserved(observed, registry, index);
  const asked = askedSlots(observed, observedRoots);
  const all: ScannedCi[] = [];
  const ciRoots = new Map<string, Root[]>();
  for (const ci of cis) {
    const at = all.length;
    all.push(ci);
    let roots = ciRoots.get(ci.class);
    if (!roots) {
      roots = askedRoots(registry, ci.class, index, asked);
      ciRoots.set(ci.class, roots);
    }
    // No observed item has a value for any of its keys: its attributes are not parsed to index them.
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
  observed.forEach((o, i) => {
    const root = observedRoots.get(o.class);
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

/** Per observed class, the identification root its items are paired by (null: none). */
function rootsOfObserved(observed: DesiredCi[], registry: ModelRegistry, index: KeyIndex): Map<string, Root | null> {
  const roots = new Map<string, Root | null>();
  for (const o of observed) {
    if (roots.has(o.class)) continue;
    const name = identificationRoot(registry, o.class);
    const keys = registry.identifyKeys(o.class);
    roots.set(o.class, name ? { keys, slots: slotsFor(index, name, keys) } : null);
  }
  return roots;
}

/** The key slots some observed item has a value for: the only ones its look-ups can find anything in. */
function askedSlots(observed: DesiredCi[], roots: Map<string, Root | null>): Set<Map<string | number, number>> {
  const asked = new Set<Map<string | number, number>>();
  for (const o of observed) {
    const root = roots.get(o.class);
    if (!root || !o.attributes) continue;
    for (let k = 0; k < root.keys.length; k++)
      if (keyValue(o.attributes[root.keys[k]!]) !== undefined) asked.add(root.slots[k]!);
  }
  return asked;
}

/**
 * The identification roots a CI of `className` is indexed under (every class of its lineage
 * that declares keys), each with only the keys some observed item has a value for: a slot no
 * item asks is never read, and filling it cost a parse of each CI's attributes (at a million
 * CIs, most of a check's parsing when the source reports no such key).
 */
function askedRoots(
  registry: ModelRegistry,
  className: string,
  index: KeyIndex,
  asked: ReadonlySet<Map<string | number, number>>,
): Root[] {
  const roots: Root[] = [];
  for (const c of registry.lineage(className)) {
    if (!c.identify || c.identify.length === 0) continue;
    const slots = slotsFor(index, c.name, c.identify);
    const kept = c.identify.flatMap((key, k) => (asked.has(slots[k]!) ? [{ key, slot: slots[k]! }] : []));
    if (kept.length > 0) roots.push({ keys: kept.map((x) => x.key), slots: kept.map((x) => x.slot) });
  }
  return roots;
}

/** Per class and name, the first item in observation order that no key paired. */
function firstUnpairedByRef(observed: DesiredCi[], pairOf: (MatchedPair | undefined)[]): RefPositions {
  const byRef = new RefPositions();
  observed.forEach((o, i) => {
    if (!pairOf[i] && byRef.get(o) === undefined) byRef.set(o, i);
  });
  return byRef;
}
