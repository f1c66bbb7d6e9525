import { refKey, relationKey, sameContentHash, sameRelationContent } from '../ci/apply-plan.js';
import type { CiDigest, RelationDigest } from '../ci/ci.types.js';
import { parseRef, type CiRef, type DesiredState } from '../ci/desired-state.js';
import type { ModelRegistry } from '../model/model-registry.js';
import type { CmdbReader } from '../cmdb/cmdb.port.js';

/** The id of a CI the import wrote or read in an earlier batch: all a relationship end needs. */
export type KnownCi = (ref: string) => string | undefined;

/** What screening one write batch found. */
export interface Screened {
  /** Indexes (in the batch) of the CIs and relationships that may write something: only these are planned. */
  cis: number[];
  relations: number[];
  /** How many records the CMDB already holds as given. */
  unchanged: { cis: number; relations: number };
  /** Every current CI the batch names that the screen read, for later batches' relationship ends. */
  read: CiDigest[];
  /** References the screen found no current CI for: planning the rest need not look them up again. */
  absent: Set<string>;
}

/**
 * The re-import's fast path. Each record of a write batch is compared with what the CMDB holds
 * BEFORE anything is built for it: a CI by its content hash against the stored one (read with
 * one batched query of hashes, no attributes), a relationship by a set lookup of its key among
 * the current relationships of the batch's sources (one batched query of keys). Records the CMDB
 * already holds as given are counted and dropped; only the rest (on a re-import, the changed
 * 1 %) go on to be merged, validated and written.
 *
 * It drops only what the full plan would leave unwritten too — the same content-hash test
 * (`sameContentHash`), and only for classes and types the registry knows — and keeps anything
 * it cannot decide: an unknown end, a partial update, two records for one relationship (the full
 * plan names the duplicate). A batch that changes the model is not screened at all.
 */
export async function screenUnchanged(
  reader: CmdbReader,
  batch: DesiredState,
  registry: ModelRegistry,
  known: KnownCi,
  isNew: (id: string) => boolean,
): Promise<Screened> {
  const everything = (): Screened => ({
    cis: batch.cis.map((_, i) => i),
    relations: batch.relations.map((_, i) => i),
    unchanged: { cis: 0, relations: 0 },
    read: [],
    absent: new Set(),
  });
  if (batch.classes?.length || batch.relationTypes?.length) return everything();
  const { read, absent, ends } = await readNamed(reader, batch, known);
  const out: Screened = { cis: [], relations: [], unchanged: { cis: 0, relations: 0 }, read, absent };
  const byRef = new Map<string, CiDigest>();
  for (const d of read) byRef.set(refKey(d.class, d.name), d);
  batch.cis.forEach((c, i) => {
    const current = registry.getClass(c.class) ? byRef.get(refKey(c.class, c.name)) : undefined;
    if (current && sameContentHash(c, current)) out.unchanged.cis++;
    else out.cis.push(i);
  });
  await screenRelations(reader, batch, registry, ends, isNew, out);
  return out;
}

/**
 * Relationships given again: each resolved to its stored key (canonical type and end ids), then
 * looked up in the set of current relationships of the batch's sources, read in one query.
 */
async function screenRelations(
  reader: CmdbReader,
  batch: DesiredState,
  registry: ModelRegistry,
  ends: (string | undefined)[],
  isNew: (id: string) => boolean,
  out: Screened,
): Promise<void> {
  const keys: (string | undefined)[] = new Array<string | undefined>(batch.relations.length);
  const count = new Map<string, number>();
  const sources = new Set<string>();
  batch.relations.forEach((r, i) => {
    const type = registry.relationType(r.type);
    const from = ends[2 * i];
    const to = ends[2 * i + 1];
    if (!type || from === undefined || to === undefined) return;
    const [source, target] = type.inverted ? [to, from] : [from, to];
    // A relationship to a CI this import created cannot exist yet: nothing to look up.
    if (isNew(source) || isNew(target)) return;
    const key = relationKey(type.definition.name, source, target);
    keys[i] = key;
    count.set(key, (count.get(key) ?? 0) + 1);
    sources.add(source);
  });
  const current = new Map<string, RelationDigest>();
  if (sources.size > 0)
    for (const d of await reader.currentRelationDigests([...sources]))
      current.set(relationKey(d.type, d.sourceId, d.targetId), d);
  batch.relations.forEach((r, i) => {
    const key = keys[i];
    // One relationship given twice (by its name and its inverse): the full plan names the repeat.
    const before = key !== undefined && count.get(key) === 1 ? current.get(key) : undefined;
    if (before && sameRelationContent(r.attributes, before)) out.unchanged.relations++;
    else out.relations.push(i);
  });
}

/**
 * The current CI of every reference the batch names that `known` does not hold, read in one
 * batched query, and the id of each relationship's ends from either (`ends[2i]` and
 * `ends[2i + 1]` for the i-th; undefined when there is none), each end looked up once.
 */
async function readNamed(
  reader: CmdbReader,
  batch: DesiredState,
  known: KnownCi,
): Promise<{ read: CiDigest[]; absent: Set<string>; ends: (string | undefined)[] }> {
  const wanted = new Map<string, CiRef>();
  const want = (ref: string) => {
    if (wanted.has(ref)) return;
    const parsed = parseRef(ref);
    if (parsed) wanted.set(ref, parsed);
  };
  // A CI record is always read: `known` holds only ids, and its hash needs the stored one.
  for (const c of batch.cis) want(refKey(c.class, c.name));
  const ends = new Array<string | undefined>(2 * batch.relations.length);
  batch.relations.forEach((r, i) => {
    const from = known(r.from);
    const to = known(r.to);
    if (from === undefined) want(r.from);
    if (to === undefined) want(r.to);
    ends[2 * i] = from;
    ends[2 * i + 1] = to;
  });
  const read = wanted.size > 0 ? await reader.currentCiDigests([...wanted.values()]) : [];
  const ids = new Map<string, string>();
  for (const d of read) ids.set(refKey(d.class, d.name), d.id);
  const absent = new Set<string>();
  for (const ref of wanted.keys()) if (!ids.has(ref)) absent.add(ref);
  // The ends just read; one the batch's CI records name answers from the store as before.
  batch.relations.forEach((r, i) => {
    ends[2 * i] ??= ids.get(r.from);
    ends[2 * i + 1] ??= ids.get(r.to);
  });
  return { read, absent, ends };
}
