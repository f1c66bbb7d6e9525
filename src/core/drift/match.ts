import { refKey } from '../ci/apply-plan.js';
import type { CiVersion } from '../ci/ci.types.js';
import type { DesiredCi } from '../ci/desired-state.js';
import type { ModelRegistry } from '../model/model-registry.js';

/** An observed item paired with the CI it describes, and how they were paired. */
export interface MatchedPair {
  observed: DesiredCi;
  ci: CiVersion;
  /** The identification key that matched (`serial_number`), or `name` for class/name. */
  by: string;
}

export interface MatchResult {
  pairs: MatchedPair[];
  /** Observed items no CI matched. */
  unmatched: DesiredCi[];
  /** Loaded CIs no observed item matched (the caller decides which are in scope). */
  unobserved: CiVersion[];
}

/** Marks a key value two CIs share: it identifies neither. */
const AMBIGUOUS = null;

type KeyIndex = Map<string, Map<string | number, CiVersion | typeof AMBIGUOUS>>;

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
function slotsFor(index: KeyIndex, root: string, keys: string[]): Map<string | number, CiVersion | null>[] {
  return keys.map((k) => slot(index, `${root}\u0000${k}`));
}

function slot(index: KeyIndex, name: string): Map<string | number, CiVersion | null> {
  let m = index.get(name);
  if (!m) index.set(name, (m = new Map<string | number, CiVersion | null>()));
  return m;
}

/**
 * Pairs observed items with CIs: first by identification keys (in the order the class lists
 * them; a value shared by two CIs is ambiguous and skipped), then by exact `class/name`. Each CI
 * is paired at most once. Pure and in memory: the cost is linear in items plus CIs.
 */
export function matchObserved(observed: DesiredCi[], cis: Iterable<CiVersion>, registry: ModelRegistry): MatchResult {
  const index: KeyIndex = new Map();
  const byRef = new Map<string, CiVersion>();
  const ciRoots = new Map<string, { keys: string[]; slots: Map<string | number, CiVersion | null>[] }[]>();
  const all: CiVersion[] = [];
  for (const ci of cis) {
    all.push(ci);
    byRef.set(refKey(ci.class, ci.name), ci);
    let roots = ciRoots.get(ci.class);
    if (!roots) {
      roots = registry
        .lineage(ci.class)
        .flatMap((c) =>
          c.identify && c.identify.length > 0 ? [{ keys: c.identify, slots: slotsFor(index, c.name, c.identify) }] : [],
        );
      ciRoots.set(ci.class, roots);
    }
    for (const { keys, slots } of roots) {
      keys.forEach((k, i) => {
        const v = keyValue(ci.attributes[k]);
        if (v === undefined) return;
        const m = slots[i]!;
        m.set(v, m.has(v) ? AMBIGUOUS : ci);
      });
    }
  }

  const claimed = new Set<string>();
  const pairOf = new Array<MatchedPair | undefined>(observed.length);
  const observedRoots = new Map<string, { keys: string[]; slots: Map<string | number, CiVersion | null>[] } | null>();
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
      const ci = root.slots[k]!.get(v);
      if (ci && !claimed.has(ci.id)) {
        claimed.add(ci.id);
        pairOf[i] = { observed: o, ci, by: root.keys[k]! };
        return;
      }
    }
  });
  const unmatched: DesiredCi[] = [];
  observed.forEach((o, i) => {
    if (pairOf[i]) return;
    const ci = byRef.get(refKey(o.class, o.name));
    if (ci && !claimed.has(ci.id)) {
      claimed.add(ci.id);
      pairOf[i] = { observed: o, ci, by: 'name' };
    } else unmatched.push(o);
  });
  const pairs = pairOf.filter((p): p is MatchedPair => p !== undefined);
  return { pairs, unmatched, unobserved: all.filter((ci) => !claimed.has(ci.id)) };
}
