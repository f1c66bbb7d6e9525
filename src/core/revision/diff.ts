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
  changes.push(...recordChanges('attributes', before.attributes, after.attributes));
  changes.push(...recordChanges('labels', before.labels, after.labels));
  return changes;
}

export function relationChanges(before: RelationVersion, after: RelationVersion): FieldChange[] {
  return recordChanges('attributes', before.attributes, after.attributes);
}

function recordChanges(prefix: string, a: Record<string, unknown>, b: Record<string, unknown>): FieldChange[] {
  const out: FieldChange[] = [];
  if (a === b) return out;
  // Every key of either side once, in order: a diff runs this for each changed pair, so no Set.
  const keys = Object.keys(a);
  for (const k of Object.keys(b)) if (!Object.hasOwn(a, k)) keys.push(k);
  keys.sort();
  for (const k of keys) {
    const from = k in a ? a[k] : null;
    const to = k in b ? b[k] : null;
    if (!sameJson(from, to)) out.push({ path: `${prefix}.${k}`, from, to, change: fieldKind(a, b, k) });
  }
  return out;
}

/** A key absent (or null, which reads the same) on one side was added or removed; else changed. */
function fieldKind(a: Record<string, unknown>, b: Record<string, unknown>, k: string): FieldChangeKind {
  if (a[k] === undefined || a[k] === null) return 'added';
  if (!(k in b)) return 'removed';
  return 'changed';
}

/**
 * Pairs versions by id into added, removed and modified. `before` holds versions live at the
 * start, `after` those live at the end, both restricted to items that changed in between.
 */
export function pairVersions<T extends { id: string; hash: string }>(
  before: T[],
  after: T[],
): { added: T[]; removed: T[]; modified: [T, T][] } {
  const b = new Map(before.map((v) => [v.id, v]));
  const a = new Map(after.map((v) => [v.id, v]));
  const added: T[] = [];
  const removed: T[] = [];
  const modified: [T, T][] = [];
  for (const [id, v] of a) {
    const old = b.get(id);
    if (!old) added.push(v);
    else if (old.hash !== v.hash) modified.push([old, v]);
  }
  for (const [id, v] of b) if (!a.has(id)) removed.push(v);
  return { added, removed, modified };
}
