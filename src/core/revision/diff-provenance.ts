import type { FieldChange } from './diff.js';

/** What provenance needs of a version row: whose it is and which revisions began and ended it. */
export interface VersionSpan {
  id: string;
  revFrom: number;
  revTo: number | null;
}

/**
 * Which revision made each line of a diff, read from the version rows alone. Keys are item ids;
 * a modified item maps each changed field's path to the revision that last changed it.
 */
export interface LineRevisions {
  /** Items present at the later point and not at the earlier one: the revision that created them. */
  created: Map<string, number>;
  /** Items present at the earlier point and not at the later one: the revision that ended them. */
  ended: Map<string, number>;
  /** Items present at both points: per changed path, the last revision in between that changed it. */
  fields: Map<string, Map<string, number>>;
}

/**
 * Finds, for a forward diff (lo, hi], the revision behind each line. `ended` are the versions live
 * at `lo` that ended in the range, `begun` every version begun in the range (including those that
 * ended again before `hi`): together, each changed item's whole chain of versions in between.
 * `changes` compares two consecutive versions field by field, as the diff does.
 *
 * A field changed in several revisions is credited to the last one that changed it; a CI deleted
 * and written again under the same id is created by the revision that wrote it again.
 */
export function lineRevisions<T extends VersionSpan>(
  ended: T[],
  begun: T[],
  hi: number,
  changes: (before: T, after: T) => FieldChange[],
): LineRevisions {
  const out: LineRevisions = { created: new Map(), ended: new Map(), fields: new Map() };
  const wasLive = new Set(ended.map((v) => v.id));
  for (const [id, chain] of chainsById(ended, begun)) {
    const last = chain[chain.length - 1]!;
    const liveAtLo = wasLive.has(id);
    const liveAtHi = last.revTo === null || last.revTo > hi;
    if (liveAtLo && liveAtHi) out.fields.set(id, fieldRevisions(chain, changes));
    else if (liveAtHi) out.created.set(id, runStart(chain));
    else if (liveAtLo) out.ended.set(id, runEnd(chain));
  }
  return out;
}

/**
 * Every version of each item, oldest first. A version is put in its place as it is added: chains
 * are a version or two long and arrive mostly in order, and sorting each one made a work array
 * per item (a quarter of what a diff of 1 000 changes allocated, issue 14).
 */
function chainsById<T extends VersionSpan>(ended: T[], begun: T[]): Map<string, T[]> {
  const chains = new Map<string, T[]>();
  const add = (v: T) => {
    const chain = chains.get(v.id);
    if (!chain) return void chains.set(v.id, [v]);
    let i = chain.length;
    chain.push(v);
    for (; i > 0 && chain[i - 1]!.revFrom > v.revFrom; i--) chain[i] = chain[i - 1]!;
    chain[i] = v;
  };
  for (const v of ended) add(v);
  for (const v of begun) add(v);
  return chains;
}

/** The revision that began the unbroken run of versions ending with the last one. */
function runStart(chain: VersionSpan[]): number {
  let i = chain.length - 1;
  while (i > 0 && chain[i - 1]!.revTo === chain[i]!.revFrom) i--;
  return chain[i]!.revFrom;
}

/** The revision that ended the unbroken run of versions starting with the first one. */
function runEnd(chain: VersionSpan[]): number {
  let i = 0;
  while (i < chain.length - 1 && chain[i]!.revTo === chain[i + 1]!.revFrom) i++;
  return chain[i]!.revTo ?? chain[i]!.revFrom;
}

/** Per path, the last revision whose version changed it; later revisions overwrite earlier ones. */
function fieldRevisions<T extends VersionSpan>(
  chain: T[],
  changes: (before: T, after: T) => FieldChange[],
): Map<string, number> {
  const byPath = new Map<string, number>();
  for (let i = 1; i < chain.length; i++) {
    for (const c of changes(chain[i - 1]!, chain[i]!)) byPath.set(c.path, chain[i]!.revFrom);
  }
  return byPath;
}
