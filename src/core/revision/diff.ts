import type { CiVersion, RelationVersion } from '../ci/ci.types.js';
import { sameJson } from '../ci/merge.js';

/**
 * How a field changed: `removed` means the key is gone (there is no new value, not a null one),
 * `added` that it was not there before; `from`/`to` stay null on those sides for older readers.
 */
export type FieldChangeKind = 'added' | 'removed' | 'changed';

/** One changed field: `status`, `attributes.cpu`, `labels.team`. */
export interface FieldChange {
  path: string;
  from: unknown;
  to: unknown;
  change: FieldChangeKind;
}

export interface CiDiffEntry {
  ref: string;
  id: string;
}

export interface ModifiedEntry {
  ref: string;
  id: string;
  changes: FieldChange[];
}

/** Added, removed and modified items, as a diff's reader needs them (what `restorePlan` reads). */
export interface DiffSection {
  added: (CiDiffEntry & Record<string, unknown>)[];
  removed: (CiDiffEntry & Record<string, unknown>)[];
  modified: ModifiedEntry[];
}

/** A diff's content without where each line came from. */
export interface PlainDiff extends DiffSection {
  relations: DiffSection;
}

/**
 * The revision that made one line of a diff, and the change behind it: `change` the change that
 * revision implemented, `backoutOf` the change it backed out. In a diff read backwards (from a
 * later point to an earlier one) it is the revision whose work the line undoes.
 */
export interface MadeIn {
  rev: number;
  at: string;
  author: string;
  change: string | null;
  backoutOf: string | null;
}

/** One field change with the revision that made it. */
export interface DiffFieldChange extends FieldChange {
  madeIn: MadeIn;
}

/** A section of a diff in which each line says which revision made it. */
export interface ProvenancedSection {
  added: (CiDiffEntry & { madeIn: MadeIn } & Record<string, unknown>)[];
  removed: (CiDiffEntry & { madeIn: MadeIn } & Record<string, unknown>)[];
  modified: (CiDiffEntry & { changes: DiffFieldChange[] })[];
}

/** `cairn diff -o json`: CIs at the top level, relationships in their own section. */
export interface Diff extends ProvenancedSection {
  from: number;
  to: number;
  relations: ProvenancedSection;
}

/** Field-by-field changes between two versions of a CI. */
export function ciChanges(before: CiVersion, after: CiVersion): FieldChange[] {
  const changes: FieldChange[] = [];
  if (before.status !== after.status)
    changes.push({ path: 'status', from: before.status, to: after.status, change: 'changed' });
  recordChanges('attributes', before.attributes, after.attributes, changes);
  recordChanges('labels', before.labels, after.labels, changes);
  return changes;
}

export function relationChanges(before: RelationVersion, after: RelationVersion): FieldChange[] {
  return recordChanges('attributes', before.attributes, after.attributes, []);
}

/**
 * Appends to `out` the changes from record `a` to record `b`, in key order. Only a record's own
 * keys are its fields: an attribute named `constructor` or `toString` is absent where it is not
 * set, not Object's method. Both key lists are sorted and walked in step: a diff of 1 000 changes
 * sorted 2 000 short lists here, and Array.prototype.sort's work arrays were a quarter of all
 * the diff allocated (issue 14).
 */
function recordChanges(
  prefix: string,
  a: Record<string, unknown>,
  b: Record<string, unknown>,
  out: FieldChange[],
): FieldChange[] {
  if (a === b) return out;
  const ka = inCodeUnitOrder(Object.keys(a));
  const kb = inCodeUnitOrder(Object.keys(b));
  let i = 0;
  let j = 0;
  while (i < ka.length || j < kb.length) {
    const x = ka[i];
    const y = kb[j];
    if (y === undefined || (x !== undefined && x < y)) {
      // Only before: removed, unless it was null (which reads as absent).
      if (a[x!] !== null) out.push({ path: `${prefix}.${x!}`, from: a[x!], to: null, change: 'removed' });
      i++;
    } else if (x === undefined || y < x) {
      if (b[y] !== null) out.push({ path: `${prefix}.${y}`, from: null, to: b[y], change: 'added' });
      j++;
    } else {
      const from = a[x];
      const to = b[y];
      // A null before reads as absent: setting it is adding the field; setting one to null changes it.
      if (!sameJson(from, to))
        out.push({ path: `${prefix}.${x}`, from, to, change: from === null ? 'added' : 'changed' });
      i++;
      j++;
    }
  }
  return out;
}

/** Above this many keys, Array.prototype.sort; below, an insertion sort in place, which allocates nothing. */
const SMALL_SORT = 16;

/** The keys sorted in place by UTF-16 code units, as `sort()` orders strings. */
function inCodeUnitOrder(keys: string[]): string[] {
  if (keys.length > SMALL_SORT) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i]!;
    let j = i;
    for (; j > 0 && keys[j - 1]! > key; j--) keys[j] = keys[j - 1]!;
    keys[j] = key;
  }
  return keys;
}

/**
 * Pairs versions by id into added, removed and modified. `before` holds versions live at the
 * start, `after` those live at the end, both restricted to items that changed in between.
 */
export function pairVersions<T extends { id: string; hash: string }>(
  before: T[],
  after: T[],
): { added: T[]; removed: T[]; modified: [T, T][] } {
  // Each item has one version on each side it is on. Those paired leave `unpaired`: what is
  // left was removed.
  const unpaired = new Map(before.map((v) => [v.id, v]));
  const added: T[] = [];
  const modified: [T, T][] = [];
  for (const v of after) {
    const old = unpaired.get(v.id);
    if (!old) added.push(v);
    else {
      unpaired.delete(v.id);
      if (old.hash !== v.hash) modified.push([old, v]);
    }
  }
  return { added, removed: [...unpaired.values()], modified };
}
