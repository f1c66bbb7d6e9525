import { refKey, sameContentHash, sameRelationContent } from '../ci/apply-plan.js';
import { KEY_PART_SEPARATOR, KEY_SEPARATOR, type CiDigest, type CiHash, type SourceRelations } from '../ci/ci.types.js';
import { ciContentHash } from '../ci/content-hash.js';
import { parseRef, type CiRef, type DesiredCi, type DesiredState } from '../ci/desired-state.js';
import type { ModelRegistry } from '../model/model-registry.js';
import type { CmdbReader } from '../cmdb/cmdb.port.js';

/** The id of a CI the import wrote or read in an earlier batch: all a relationship end needs. */
export type KnownCi = (ref: string) => string | undefined;

/** KnownCi of the `from` (0) or `to` (1) end of the batch's relationship `i`, answered without its reference. */
export type KnownEnd = (i: number, end: 0 | 1) => string | undefined;

/** What screening one write batch found. */
export interface Screened {
  /** Indexes (in the batch) of the CIs and relationships that may write something: only these are planned. */
  cis: number[];
  relations: number[];
  /** How many records the CMDB already holds as given. */
  unchanged: { cis: number; relations: number };
  /** Every current CI the batch names that the screen read, by reference, for later batches' relationship ends. */
  read: Map<string, CiHash>;
  /** References the screen found no current CI for: planning the rest need not look them up again. */
  absent: Set<string>;
}

/**
 * The re-import's fast path. Each record of a write batch is compared with what the CMDB holds
 * BEFORE anything is built for it, and before it is checked in full (ImportRun checks the records
 * kept here in full, and the others only for what their hash does not cover: check-unchanged.ts):
 * a CI by its content hash against the stored one (read with one batched query of ids and
 * hashes, no attributes), a relationship by its key among the current relationships of its source,
 * read as one text per source (one batched query) and, when the input gives exactly those, settled
 * by one string comparison for the whole source. Records the CMDB already holds as given are
 * counted and dropped; only the rest (on a re-import, the changed 1 %) go on to be checked,
 * merged, validated and written.
 *
 * It drops only what the full plan would leave unwritten too — the same content-hash test
 * (`sameContentHash`), and only for classes and types the registry knows — and keeps anything
 * it cannot decide: an unknown end, a partial update, two records for one relationship (the full
 * plan names the duplicate), a record that cannot be hashed. A batch that changes the model is
 * not screened at all.
 *
 * Read ahead (import-run.ts): the batch planned before this one may not be written yet. The
 * input's references are de-duplicated and every CI that batch writes is in `known`, so none of
 * the CIs read here is one it writes; but it may write relationships from a source this batch names (the
 * same relationship even, given by its inverse type): the relationships of a source `unsettled`
 * names are kept for the full plan, which reads them once that batch is written.
 */
export async function screenUnchanged(
  reader: CmdbReader,
  batch: DesiredState,
  registry: ModelRegistry,
  known: KnownCi,
  isNew: (id: string) => boolean,
  ciRefs: string[] = batch.cis.map((c) => refKey(c.class, c.name)),
  unsettled: (source: string) => boolean = () => false,
  knownEnd?: KnownEnd,
): Promise<Screened> {
  const everything = (): Screened => ({
    cis: batch.cis.map((_, i) => i),
    relations: batch.relations.map((_, i) => i),
    unchanged: { cis: 0, relations: 0 },
    read: new Map(),
    absent: new Set(),
  });
  if (batch.classes?.length || batch.relationTypes?.length) return everything();
  const { read, digests, absent, ends } = await readNamed(reader, batch, ciRefs, known, knownEnd);
  const out: Screened = { cis: [], relations: [], unchanged: { cis: 0, relations: 0 }, read, absent };
  batch.cis.forEach((c, i) => {
    if (registry.getClass(c.class) && unthrown(() => sameAsStored(c, ciRefs[i]!, read, digests))) out.unchanged.cis++;
    else out.cis.push(i);
  });
  await screenRelations(reader, batch, registry, ends, isNew, unsettled, out);
  return out;
}

/** Whether a CI record has the content hash of the current CI of its name (sameContentHash). */
function sameAsStored(c: DesiredCi, ref: string, byRef: Map<string, CiHash>, digests: Map<string, CiDigest>): boolean {
  if (!hashable(c)) {
    const digest = digests.get(ref);
    return digest !== undefined && sameContentHash(c, digest);
  }
  const hash = byRef.get(ref)?.hash;
  if (hash === undefined) return false;
  const { class: cls, name, status, attributes, labels } = c;
  return (
    ciContentHash({
      class: cls,
      name,
      status: status!,
      attributes: attributes!,
      labels: labels as Record<string, string>,
    }) === hash
  );
}

/** The input's relationships from one source CI: the parts of their keys (as SourceRelations writes them), and their indexes. */
interface FromSource {
  types: string[];
  targets: string[];
  at: number[];
  /** Whether one of them gives attributes: then the stored hashes are compared too. */
  attributes: boolean;
}

/**
 * Relationships given again: each resolved to its stored key (canonical type, source id, target
 * id) and grouped by source; the current relationships of the batch's sources are read as one text
 * per source (SourceRelations), in one query. A source whose input relationships, none giving
 * attributes, are exactly its stored ones is settled by one string comparison; any other is
 * looked up relationship by relationship in a set made from its text.
 */
async function screenRelations(
  reader: CmdbReader,
  batch: DesiredState,
  registry: ModelRegistry,
  ends: (string | undefined)[],
  isNew: (id: string) => boolean,
  unsettled: (source: string) => boolean,
  out: Screened,
): Promise<void> {
  const bySource = new Map<string, FromSource>();
  const kept: number[] = [];
  batch.relations.forEach((r, i) => {
    const type = registry.relationType(r.type);
    const from = ends[2 * i];
    const to = ends[2 * i + 1];
    // A relationship to a CI this import created cannot exist yet: nothing to look up.
    if (!type || from === undefined || to === undefined || isNew(from) || isNew(to)) return kept.push(i);
    const [source, target] = type.inverted ? [to, from] : [from, to];
    if (unsettled(source)) return kept.push(i);
    let group = bySource.get(source);
    if (!group) bySource.set(source, (group = { types: [], targets: [], at: [], attributes: false }));
    group.types.push(type.definition.name);
    group.targets.push(target);
    group.at.push(i);
    if (r.attributes !== undefined) group.attributes = true;
  });
  // Hashes are read only for the sources of relationships that give attributes.
  const storedOf = new Map<string, SourceRelations>();
  for (const withHashes of [false, true]) {
    const sources: string[] = [];
    for (const [source, group] of bySource) if (group.attributes === withHashes) sources.push(source);
    if (sources.length === 0) continue;
    for (const s of await reader.currentRelationsBySource(sources, withHashes)) storedOf.set(s.sourceId, s);
  }
  for (const [source, group] of bySource) {
    const current = storedOf.get(source);
    if (!current) {
      kept.push(...group.at);
      continue;
    }
    // Equal texts hold the same keys: every one stored, none twice (stored keys are unique).
    if (!group.attributes && spellsStored(group, current.keys)) {
      out.unchanged.relations += group.at.length;
      continue;
    }
    screenOneByOne(batch, source, group, current, kept, out);
  }
  out.relations = kept.sort((a, b) => a - b);
}

/**
 * Whether the input's keys of one source, sorted by UTF-16 code units and joined as
 * SourceRelations.keys, spell `stored` exactly: the string comparison of the two texts, without
 * making the input's (each key matched in place). Code-unit order is the stores' code point order
 * except between astral characters and U+E000–U+FFFF in a type's name; there the texts differ and
 * the one-by-one look-up decides. The order only decides how fast: a mismatch is never wrong.
 */
function spellsStored({ types, targets }: FromSource, stored: string): boolean {
  const order = sortedByKey(types, targets);
  let at = 0;
  for (let k = 0; k < order.length; k++) {
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

const KEY_SEPARATOR_CODE = KEY_SEPARATOR.charCodeAt(0);
const KEY_PART_SEPARATOR_CODE = KEY_PART_SEPARATOR.charCodeAt(0);

/**
 * The indexes of a source's keys in (type, target) order by code units: an insertion sort, as a
 * source has a few relationships (a type that is a prefix of another sorts first, as its key's
 * separator, a control character, sorts before any character of a name).
 */
function sortedByKey(types: string[], targets: string[]): number[] {
  const order = new Array<number>(types.length);
  for (let k = 0; k < order.length; k++) {
    let j = k;
    while (j > 0 && keyBefore(types, targets, k, order[j - 1]!)) {
      order[j] = order[j - 1]!;
      j--;
    }
    order[j] = k;
  }
  return order;
}

function keyBefore(types: string[], targets: string[], a: number, b: number): boolean {
  const ta = types[a]!;
  const tb = types[b]!;
  return ta === tb ? targets[a]! < targets[b]! : ta < tb;
}

/** The relationships of one source that its stored text does not settle at once, each looked up in a set. */
function screenOneByOne(
  batch: DesiredState,
  source: string,
  group: FromSource,
  current: SourceRelations,
  kept: number[],
  out: Screened,
): void {
  const keys = current.keys.split(KEY_SEPARATOR);
  const hashes = group.attributes ? current.hashes.split(KEY_SEPARATOR) : [];
  // Without attributes given a relationship's stored hash is not compared: any text marks it stored.
  const hashOf = new Map<string, string>();
  keys.forEach((k, j) => hashOf.set(k, hashes[j] ?? '-'));
  const inputKeys = group.types.map((type, j) => type + KEY_PART_SEPARATOR + group.targets[j]!);
  const count = new Map<string, number>();
  for (const k of inputKeys) count.set(k, (count.get(k) ?? 0) + 1);
  inputKeys.forEach((key, j) => {
    const i = group.at[j]!;
    // One relationship given twice (by its name and its inverse): the full plan names the repeat.
    const hash = count.get(key) === 1 ? hashOf.get(key) : undefined;
    const split = key.indexOf(KEY_PART_SEPARATOR);
    const before = hash && { type: key.slice(0, split), sourceId: source, targetId: key.slice(split + 1), hash };
    if (before && unthrown(() => sameRelationContent(batch.relations[i]!.attributes, before)))
      out.unchanged.relations++;
    else kept.push(i);
  });
}

/**
 * A hash comparison of a record not checked yet: one that cannot be hashed (a cycle, a value
 * nested past the stack) is kept, and the full check names its fault.
 */
function unthrown(same: () => boolean): boolean {
  try {
    return same();
  } catch {
    return false;
  }
}

/**
 * The current CI of every reference the batch names that `known` does not hold, read in one
 * batched query, and the id of each relationship's ends from either (`ends[2i]` and
 * `ends[2i + 1]` for the i-th; undefined when there is none), each end looked up once. Only a CI
 * record that leaves its status or labels to the stored ones has those read (a digest); for the
 * others, and for relationship ends, the id and hash are enough.
 */
async function readNamed(
  reader: CmdbReader,
  batch: DesiredState,
  ciRefs: string[],
  known: KnownCi,
  knownEnd: KnownEnd = (i, end) => known(end === 0 ? batch.relations[i]!.from : batch.relations[i]!.to),
): Promise<{
  read: Map<string, CiHash>;
  digests: Map<string, CiDigest>;
  absent: Set<string>;
  ends: (string | undefined)[];
}> {
  const wanted = new Map<string, CiRef>();
  const wantedDigests = new Map<string, CiRef>();
  // A CI record is always read: `known` holds only ids, and its hash needs the stored one.
  batch.cis.forEach((c, i) => (hashable(c) ? wanted : wantedDigests).set(ciRefs[i]!, { class: c.class, name: c.name }));
  const want = (ref: string) => {
    if (wanted.has(ref) || wantedDigests.has(ref)) return;
    const parsed = parseRef(ref);
    if (parsed) wanted.set(ref, parsed);
  };
  const ends = new Array<string | undefined>(2 * batch.relations.length);
  batch.relations.forEach((r, i) => {
    const from = knownEnd(i, 0);
    const to = knownEnd(i, 1);
    if (from === undefined) want(r.from);
    if (to === undefined) want(r.to);
    ends[2 * i] = from;
    ends[2 * i + 1] = to;
  });
  const byRef = new Map<string, CiHash>();
  if (wanted.size > 0)
    for (const d of await reader.currentCiHashes([...wanted.values()])) byRef.set(refKey(d.class, d.name), d);
  const digests = new Map<string, CiDigest>();
  if (wantedDigests.size > 0)
    for (const d of await reader.currentCiDigests([...wantedDigests.values()])) {
      const ref = refKey(d.class, d.name);
      digests.set(ref, d);
      byRef.set(ref, d);
    }
  const absent = new Set<string>();
  for (const ref of wanted.keys()) if (!byRef.has(ref)) absent.add(ref);
  for (const ref of wantedDigests.keys()) if (!byRef.has(ref)) absent.add(ref);
  // The ends just read; one the batch's CI records name answers from the store as before.
  batch.relations.forEach((r, i) => {
    ends[2 * i] ??= byRef.get(r.from)?.id;
    ends[2 * i + 1] ??= byRef.get(r.to)?.id;
  });
  return { read: byRef, digests, absent, ends };
}

/** A CI record whose content hash needs nothing stored: it gives its status and labels (and attributes). */
function hashable(c: DesiredCi): boolean {
  return c.status != null && c.labels != null && c.attributes !== undefined;
}
