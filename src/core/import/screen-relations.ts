import { sameRelationContent } from '../ci/apply-plan.js';
import { KEY_PART_SEPARATOR, KEY_SEPARATOR, type SourceRelations } from '../ci/ci.types.js';
import type { DesiredState } from '../ci/desired-state.js';
import type { CmdbReader } from '../cmdb/cmdb.port.js';
import type { ModelRegistry } from '../model/model-registry.js';

/** What screening a batch's relationships adds to the screen's answer (Screened). */
export interface RelationsScreened {
  /** Indexes of the relationships that may write something, ascending. */
  relations: number[];
  /** How many the CMDB already holds as given. */
  unchanged: number;
}

/**
 * Relationships given again: each resolved to its stored key (canonical type, source id, target
 * id) and grouped by source; the current relationships of the batch's sources are read as one text
 * per source (SourceRelations), in one query. A source whose input relationships, none giving
 * attributes, are exactly its stored ones is settled by one string comparison; any other is
 * looked up relationship by relationship in a set made from its text. `ends` holds the ids of
 * each relationship's ends as given (`from` at 2i, `to` at 2i + 1), undefined when unknown.
 */
export async function screenRelations(
  reader: CmdbReader,
  batch: DesiredState,
  registry: ModelRegistry,
  ends: (string | undefined)[],
  isNew: (id: string) => boolean,
  unsettled: (source: string) => boolean,
): Promise<RelationsScreened> {
  const groups = new SourceGroups(batch.relations.length);
  const kept: number[] = [];
  batch.relations.forEach((r, i) => {
    const type = registry.relationType(r.type);
    const from = ends[2 * i];
    const to = ends[2 * i + 1];
    // A relationship to a CI this import created cannot exist yet: nothing to look up.
    if (!type || from === undefined || to === undefined || isNew(from) || isNew(to)) return kept.push(i);
    // Its stored key is source first: the `to` end of a relationship given by an inverse name.
    const source = type.inverted ? to : from;
    if (unsettled(source)) return kept.push(i);
    groups.add(i, source, type.definition.name, type.inverted ? from : to, r.attributes !== undefined);
  });
  // Hashes are read only for the sources of relationships that give attributes.
  const stored = new Array<SourceRelations | undefined>(groups.sources.length);
  for (const withHashes of [false, true]) {
    const sources = groups.sources.filter((_, g) => groups.attributes[g] === withHashes);
    if (sources.length === 0) continue;
    for (const s of await reader.currentRelationsBySource(sources, withHashes)) stored[groups.groupOf(s.sourceId)] = s;
  }
  let unchanged = 0;
  groups.sources.forEach((source, g) => {
    const current = stored[g];
    if (!current) {
      for (let i = groups.first[g]!; i >= 0; i = groups.next[i]!) kept.push(i);
      return;
    }
    // Equal texts hold the same keys: every one stored, none twice (stored keys are unique).
    if (!groups.attributes[g] && groups.spell(g, current.keys)) unchanged += groups.sizes[g]!;
    else unchanged += screenOneByOne(batch, groups, g, current, kept);
  });
  return { relations: kept.sort((a, b) => a - b), unchanged };
}

/**
 * The batch's relationships grouped by source without an object or arrays per source: a source
 * is a group number, its relationships a chain through `next` (in the batch's order), and each
 * relationship's type and target sit in arrays as long as the batch. A re-import's batch names a
 * source or two every three relationships: per-source arrays were most of the screen's garbage.
 */
class SourceGroups {
  /** Per group: its source id, whether one of its relationships gives attributes (then hashes are compared), how many it has, its first and last relationship. */
  readonly sources: string[] = [];
  readonly attributes: boolean[] = [];
  readonly sizes: number[] = [];
  readonly first: number[] = [];
  private readonly last: number[] = [];
  /** Per relationship of the batch: the next of its source (or -1), its type and its target. */
  readonly next: Int32Array;
  readonly types: string[];
  readonly targets: string[];
  private readonly numbers = new Map<string, number>();

  constructor(relations: number) {
    this.next = new Int32Array(relations);
    this.types = new Array<string>(relations);
    this.targets = new Array<string>(relations);
  }

  groupOf(source: string): number {
    return this.numbers.get(source)!;
  }

  add(i: number, source: string, type: string, target: string, attributes: boolean): void {
    let g = this.numbers.get(source);
    if (g === undefined) {
      g = this.sources.length;
      this.numbers.set(source, g);
      this.sources.push(source);
      this.attributes.push(false);
      this.sizes.push(0);
      this.first.push(i);
    } else this.next[this.last[g]!] = i;
    this.last[g] = i;
    this.next[i] = -1;
    this.sizes[g]!++;
    if (attributes) this.attributes[g] = true;
    this.types[i] = type;
    this.targets[i] = target;
  }

  /**
   * Whether group `g`'s keys, sorted by UTF-16 code units and joined as SourceRelations.keys,
   * spell `stored` exactly: the string comparison of the two texts, without making the input's
   * (each key matched in place). Code-unit order is the stores' code point order except between
   * astral characters and U+E000–U+FFFF in a type's name; there the texts differ and the
   * one-by-one look-up decides. The order only decides how fast: a mismatch is never wrong.
   */
  spell(g: number, stored: string): boolean {
    const { types, targets } = this;
    const count = this.sort(g);
    let at = 0;
    for (let k = 0; k < count; k++) {
      if (k > 0 && stored.charCodeAt(at++) !== KEY_SEPARATOR_CODE) return false;
      const type = types[order[k]!]!;
      const target = targets[order[k]!]!;
      if (!stored.startsWith(type, at)) return false;
      at += type.length;
      if (stored.charCodeAt(at++) !== KEY_PART_SEPARATOR_CODE || !stored.startsWith(target, at)) return false;
      at += target.length;
    }
    return at === stored.length;
  }

  /**
   * Group `g`'s relationships in (type, target) order by code units, into `order` (its first
   * `count` entries, returned): an insertion sort, as a source has a few. A type that is a prefix
   * of another sorts first, as in the stored keys, whose separator (a control character) sorts
   * before any character of a name.
   */
  private sort(g: number): number {
    const { types, targets } = this;
    let count = 0;
    for (let i = this.first[g]!; i >= 0; i = this.next[i]!) {
      let j = count++;
      for (; j > 0; j--) {
        const before = order[j - 1]!;
        const t = types[i]!;
        const u = types[before]!;
        if (!(t === u ? targets[i]! < targets[before]! : t < u)) break;
        order[j] = before;
      }
      order[j] = i;
    }
    return count;
  }
}

/** SourceGroups.sort's answer, the first `count` entries (reused: sorting a source allocates nothing). */
const order: number[] = [];

const KEY_SEPARATOR_CODE = KEY_SEPARATOR.charCodeAt(0);
const KEY_PART_SEPARATOR_CODE = KEY_PART_SEPARATOR.charCodeAt(0);

/**
 * The relationships of one source that its stored text does not settle at once, each looked up
 * in a set: those kept are pushed to `kept`; returns how many are unchanged.
 */
function screenOneByOne(
  batch: DesiredState,
  groups: SourceGroups,
  g: number,
  current: SourceRelations,
  kept: number[],
): number {
  const keys = current.keys.split(KEY_SEPARATOR);
  const hashes = groups.attributes[g] ? current.hashes.split(KEY_SEPARATOR) : [];
  // Without attributes given a relationship's stored hash is not compared: any text marks it stored.
  const hashOf = new Map<string, string>();
  keys.forEach((k, j) => hashOf.set(k, hashes[j] ?? '-'));
  const keyOf = (i: number) => groups.types[i]! + KEY_PART_SEPARATOR + groups.targets[i]!;
  const count = new Map<string, number>();
  for (let i = groups.first[g]!; i >= 0; i = groups.next[i]!) count.set(keyOf(i), (count.get(keyOf(i)) ?? 0) + 1);
  let unchanged = 0;
  for (let i = groups.first[g]!; i >= 0; i = groups.next[i]!) {
    // One relationship given twice (by its name and its inverse): the full plan names the repeat.
    const hash = count.get(keyOf(i)) === 1 ? hashOf.get(keyOf(i)) : undefined;
    const before = hash && {
      type: groups.types[i]!,
      sourceId: groups.sources[g]!,
      targetId: groups.targets[i]!,
      hash,
    };
    if (before && sameUnthrown(batch.relations[i]!.attributes, before)) unchanged++;
    else kept.push(i);
  }
  return unchanged;
}

/**
 * sameRelationContent of a record not checked yet: one that cannot be hashed (a cycle, a value
 * nested past the stack) is kept, and the full check names its fault.
 */
function sameUnthrown(
  attributes: Record<string, unknown> | undefined,
  before: Parameters<typeof sameRelationContent>[1],
): boolean {
  try {
    return sameRelationContent(attributes, before);
  } catch {
    return false;
  }
}
