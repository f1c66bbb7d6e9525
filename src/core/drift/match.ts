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
  /** As ObservationMatcher's `positions`. */
  positions?: Pick<RefPositions, 'get'>,
): MatchResult {
  const matcher = new ObservationMatcher(observed, registry, positions);
  const early = matcher.add(cis);
  const late = matcher.finish();
  return {
    pairs: [...early.pairs, ...late.pairs],
    unmatched: late.unmatched,
    unobserved: [...early.unobserved, ...late.unobserved],
  };
}

/** What reading some CIs decided: the pairs made and the CIs no item can pair. */
export interface PageMatch {
  pairs: MatchedPair[];
  unobserved: ScannedCi[];
}

/**
 * matchObserved a page of CIs at a time, as a scan reads them. A CI of a class no observed item
 * can pair by key is decided as soon as it is read: it pairs with the item of its class and name,
 * or with none. Only the CIs an item may pair by key are held until the scan's end, since a key
 * value is ambiguous if any later CI shares it. A check of a whole estate by class and name so
 * holds no CI beyond its page, where holding all of them (a million at 1M CIs) grew the heap by
 * half a gigabyte and made every collection copy them.
 *
 * Exact: an item with a value for some key of a class's identification root makes every CI whose
 * lineage declares that root held, so an item paired by name on reading could not have been
 * paired by key instead, and the CIs read at once are never asked for by key.
 */
export class ObservationMatcher {
  private readonly index: KeyIndex = new Map();
  private readonly observedRoots: Map<string, Root | null>;
  private readonly asked: Set<Map<string | number, number>>;
  private readonly ciRoots = new Map<string, Root[]>();
  /** Per observed item: 1 once paired. */
  private readonly paired: Uint8Array;
  /** The CIs an item may pair by key, in scan order; the key index holds their positions here. */
  private readonly held: ScannedCi[] = [];
  /** Per class and name, the first item: an item of a class no key pairs is paired by name only. */
  private readonly firstByRef: Pick<RefPositions, 'get'>;

  constructor(
    private readonly observed: DesiredCi[],
    private readonly registry: ModelRegistry,
    /**
     * Each item's position by `class/name` (refKey), when the caller already has it: only for
     * items whose class/names are all different (a check's uniqueItems), so that the item a CI's
     * class/name names is the one item of that class/name, paired by key already or not. Asked
     * in the order CIs are given (ListedRefs walks a listing in that order).
     */
    private readonly positions?: Pick<RefPositions, 'get'>,
  ) {
    this.observedRoots = rootsOfObserved(observed, registry, this.index);
    this.asked = askedSlots(observed, this.observedRoots);
    this.paired = new Uint8Array(observed.length);
    this.firstByRef = positions ?? firstOfEachRef(observed);
  }

  /** Reads CIs in scan order; returns those decided now. Every CI is given once, none after finish(). */
  add(cis: Iterable<ScannedCi>): PageMatch {
    const pairs: MatchedPair[] = [];
    const unobserved: ScannedCi[] = [];
    for (const ci of cis) {
      // Read once: a scanned CI cuts its strings from its page on each read.
      const cls = ci.class;
      let roots = this.ciRoots.get(cls);
      if (!roots) {
        roots = askedRoots(this.registry, cls, this.index, this.asked);
        this.ciRoots.set(cls, roots);
      }
      if (roots.length === 0) {
        // No item can pair it by key, and the item of its class and name (if any) pairs by no key.
        const i = this.firstByRef.get({ class: cls, name: ci.name });
        if (i === undefined || this.paired[i] === 1) unobserved.push(ci);
        else {
          this.paired[i] = 1;
          pairs.push({ observed: this.observed[i]!, ci, by: 'name' });
        }
        continue;
      }
      const at = this.held.length;
      this.held.push(ci);
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
    return { pairs, unobserved };
  }

  /**
   * After the last CI: pairs the held CIs by key, then by class/name, and names the items nothing
   * paired. Its pairs are in observation order, then those by name in scan order.
   */
  finish(): MatchResult {
    const { observed, held, paired } = this;
    // Per held CI: 1 once paired. Positions, not ids: a million-entry set of ids was a large
    // part of a check at 1M CIs.
    const claimed = new Uint8Array(held.length);
    const pairs: MatchedPair[] = [];
    observed.forEach((o, i) => {
      if (paired[i] === 1) return;
      const root = this.observedRoots.get(o.class);
      if (!root || !o.attributes) return;
      for (let k = 0; k < root.keys.length; k++) {
        const v = keyValue(o.attributes[root.keys[k]!]);
        if (v === undefined) continue;
        const c = root.slots[k]!.get(v);
        if (c !== undefined && c !== AMBIGUOUS && claimed[c] === 0) {
          claimed[c] = 1;
          paired[i] = 1;
          pairs.push({ observed: o, ci: held[c]!, by: root.keys[k]! });
          return;
        }
      }
    });
    // Then by class/name: each held CI still unpaired goes to the first item of its class/name,
    // in observation order, that no key paired (a live class/name names one CI at most).
    const byRef = this.positions ?? firstUnpairedByRef(observed, paired);
    for (let c = 0; c < held.length; c++) {
      if (claimed[c] === 1) continue;
      const ci = held[c]!;
      const i = byRef.get(ci);
      if (i === undefined || paired[i] === 1) continue;
      claimed[c] = 1;
      paired[i] = 1;
      pairs.push({ observed: observed[i]!, ci, by: 'name' });
    }
    return {
      pairs,
      unmatched: observed.filter((_, i) => paired[i] === 0),
      unobserved: held.filter((_, c) => claimed[c] === 0),
    };
  }
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

/** Per class and name, the first item in observation order that nothing paired. */
function firstUnpairedByRef(observed: DesiredCi[], paired: Uint8Array): RefPositions {
  const byRef = new RefPositions();
  observed.forEach((o, i) => {
    if (paired[i] === 0 && byRef.get(o) === undefined) byRef.set(o, i);
  });
  return byRef;
}

/** Per class and name, the first item in observation order. */
function firstOfEachRef(observed: DesiredCi[]): RefPositions {
  const byRef = new RefPositions();
  observed.forEach((o, i) => {
    if (byRef.get(o) === undefined) byRef.set(o, i);
  });
  return byRef;
}
