import { refKey, sameContentHash } from '../ci/apply-plan.js';
import type { CiDigest, CiHash } from '../ci/ci.types.js';
import { ciContentHash } from '../ci/content-hash.js';
import { parseRef, type CiRef, type DesiredCi, type DesiredState } from '../ci/desired-state.js';
import type { ModelRegistry } from '../model/model-registry.js';
import type { CmdbReader } from '../cmdb/cmdb.port.js';
import { screenRelations } from './screen-relations.js';
import { yieldToLoop } from '../shared/pace.js';

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
  /** Per CI record of the batch: the id of the current CI `read` holds for it, or undefined. */
  ciIds: (string | undefined)[];
  /** The references in `read` that only relationships of the batch name (no CI record). */
  endRefs: string[];
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
  hashAhead = false,
): Promise<Screened> {
  const everything = (): Screened => ({
    cis: batch.cis.map((_, i) => i),
    relations: batch.relations.map((_, i) => i),
    unchanged: { cis: 0, relations: 0 },
    read: new Map(),
    ciIds: [],
    endRefs: [],
    absent: new Set(),
  });
  if (batch.classes?.length || batch.relationTypes?.length) return everything();
  const reading = readNamed(reader, batch, ciRefs, known, knownEnd);
  // Awaited below: a failure while the hashes are taken is raised there, not left unhandled.
  reading.catch(() => undefined);
  const hashes = hashAhead && batch.cis.length > 0 ? await hashedWhileRead(batch, registry) : undefined;
  const { read, digests, absent, ends, endRefs } = await reading;
  const ciIds = new Array<string | undefined>(batch.cis.length);
  const out: Screened = { cis: [], relations: [], unchanged: { cis: 0, relations: 0 }, read, ciIds, endRefs, absent };
  batch.cis.forEach((c, i) => {
    const stored = read.get(ciRefs[i]!);
    ciIds[i] = stored?.id;
    const same =
      hashes?.[i] !== undefined
        ? stored !== undefined && hashes[i] === stored.hash
        : Boolean(registry.getClass(c.class)) && sameAsStored(c, ciRefs[i]!, stored, digests);
    if (same) out.unchanged.cis++;
    else out.cis.push(i);
  });
  const relations = await screenRelations(reader, batch, registry, ends, isNew, unsettled);
  out.relations = relations.relations;
  out.unchanged.relations = relations.unchanged;
  return out;
}

/**
 * The content hash of each CI record of the batch whose hash needs nothing stored (hashable) and
 * whose class the registry knows, taken once the store's read has been sent (the event loop let
 * run first): on PostgreSQL the process hashed after the read came back, and stood idle while the
 * server read (issue 14). Undefined for the others, and for a record that cannot be hashed (a
 * cycle, a value nested past the stack): the screen decides those as before. Asked only where most
 * records are stored (a re-import): a new CI's hash is taken again by the plan.
 */
async function hashedWhileRead(batch: DesiredState, registry: ModelRegistry): Promise<(string | undefined)[]> {
  await yieldToLoop();
  return batch.cis.map((c) => {
    if (!hashable(c) || !registry.getClass(c.class)) return undefined;
    try {
      return hashOf(c);
    } catch {
      return undefined;
    }
  });
}

/**
 * Whether a CI record has the content hash of the current CI of its name (sameContentHash). A
 * record not checked yet that cannot be hashed (a cycle, a value nested past the stack) is not:
 * it is kept, and the full check names its fault.
 */
function sameAsStored(c: DesiredCi, ref: string, stored: CiHash | undefined, digests: Map<string, CiDigest>): boolean {
  try {
    return hashedAsStored(c, ref, stored, digests);
  } catch {
    return false;
  }
}

function hashedAsStored(
  c: DesiredCi,
  ref: string,
  stored: CiHash | undefined,
  digests: Map<string, CiDigest>,
): boolean {
  if (!hashable(c)) {
    const digest = digests.get(ref);
    return digest !== undefined && sameContentHash(c, digest);
  }
  const hash = stored?.hash;
  if (hash === undefined) return false;
  return hashOf(c) === hash;
}

/** The content hash of a hashable CI record: it gives everything the hash covers. */
function hashOf(c: DesiredCi): string {
  const { class: cls, name, status, attributes, labels } = c;
  return ciContentHash({
    class: cls,
    name,
    status: status!,
    attributes: attributes!,
    labels: labels as Record<string, string>,
  });
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
  endRefs: string[];
}> {
  const wanted = new Map<string, CiRef>();
  const wantedDigests = new Map<string, CiRef>();
  /** The references only relationship ends name (in `wanted` too). */
  const endsWanted: string[] = [];
  // A CI record is always read: `known` holds only ids, and its hash needs the stored one. The
  // record is its own CiRef (its class and name are text: ImportRun screens no other shape).
  batch.cis.forEach((c, i) => (hashable(c) ? wanted : wantedDigests).set(ciRefs[i]!, c));
  const want = (ref: string) => {
    if (wanted.has(ref) || wantedDigests.has(ref)) return;
    const parsed = parseRef(ref);
    if (parsed) {
      wanted.set(ref, parsed);
      endsWanted.push(ref);
    }
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
  const endRefs: string[] = [];
  for (const ref of wanted.keys()) if (!byRef.has(ref)) absent.add(ref);
  for (const ref of endsWanted) if (byRef.has(ref)) endRefs.push(ref);
  for (const ref of wantedDigests.keys()) if (!byRef.has(ref)) absent.add(ref);
  // The ends just read; one the batch's CI records name answers from the store as before.
  if (byRef.size > 0)
    batch.relations.forEach((r, i) => {
      ends[2 * i] ??= byRef.get(r.from)?.id;
      ends[2 * i + 1] ??= byRef.get(r.to)?.id;
    });
  return { read: byRef, digests, absent, ends, endRefs };
}

/** A CI record whose content hash needs nothing stored: it gives its status and labels (and attributes). */
function hashable(c: DesiredCi): boolean {
  return c.status != null && c.labels != null && c.attributes !== undefined;
}
