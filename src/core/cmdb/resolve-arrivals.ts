import { refKey, relationKey } from '../ci/apply-plan.js';
import type { CiVersion } from '../ci/ci.types.js';
import type { DesiredRelation } from '../ci/desired-state.js';
import { emptyWrites, type PendingWrites } from '../revision/pending-writes.js';
import type { CmdbWriter } from './cmdb.port.js';
import { computeWrites, type ComputeOptions } from './compute-writes.js';
import { indexedBase } from './indexed-names.js';
import type { UnresolvedRef } from './unresolved-ref.types.js';

/** What resolving needs of the CMDB service: how a write at `rev` by `source` is computed. */
export type ComputeOptionsFor = (reader: CmdbWriter, rev: number, source: string) => ComputeOptions;

/**
 * The relationships that references waiting for a CI become, now that `writes` creates it: each
 * written as a relationship of the source that read the reference, in the same revision, and the
 * reference marked resolved. A reference that still cannot be written (its other end gone, a type
 * it no longer fits) stays open. `writes` may not be persisted yet: its CIs are passed as known.
 */
export async function resolveArrivals(
  tx: CmdbWriter,
  optionsFor: ComputeOptionsFor,
  rev: number,
  writes: PendingWrites,
  at: string,
): Promise<{ writes: PendingWrites; resolved: UnresolvedRef[]; refs: Map<string, string> }> {
  const out = { writes: emptyWrites(), resolved: [] as UnresolvedRef[], refs: new Map<string, string>() };
  const arrived = writes.cis.flatMap((w) => (w.after && !w.before ? [w.after] : []));
  if (arrived.length === 0) return out;
  // An arriving instance (`aws_subnet.private[0]`) also answers references to its resource.
  const instancesOf = new Map<string, string[]>();
  for (const v of arrived) {
    const ref = refKey(v.class, v.name);
    const base = indexedBase(ref);
    if (base !== undefined) instancesOf.set(base, [...(instancesOf.get(base) ?? []), ref]);
  }
  const awaiting = await tx.unresolvedRefsAwaiting([
    ...arrived.map((v) => refKey(v.class, v.name)),
    ...instancesOf.keys(),
  ]);
  if (awaiting.length === 0) return out;
  const known = new Map<string, CiVersion>(arrived.map((v) => [refKey(v.class, v.name), v]));
  for (const w of writes.cis) if (w.after) known.set(refKey(w.after.class, w.after.name), w.after);
  const createdIds = new Set(arrived.map((v) => v.id));
  const already = new Set(
    writes.relations.flatMap((w) => (w.after ? [relationKey(w.after.type, w.after.sourceId, w.after.targetId)] : [])),
  );
  const bySource = new Map<string, UnresolvedRef[]>();
  for (const r of awaiting) bySource.set(r.source, [...(bySource.get(r.source) ?? []), r]);
  for (const [source, refs] of bySource) {
    const entries = refs.flatMap((r) => relationsFor(r, known, instancesOf));
    const computed = await computeWrites(
      tx,
      { cis: [], relations: entries.map((e) => e.relation) },
      { ...optionsFor(tx, rev, source), knownIds: (ref) => known.get(ref)?.id, createdIds, skipInvalid: true },
    );
    const failed = new Set(
      computed.rejected.map((e) => entries[Number(/^relations\[(\d+)\]/.exec(e.path)?.[1] ?? -1)]?.ref),
    );
    for (const r of refs) if (!failed.has(r)) out.resolved.push(r);
    for (const [id, ref] of computed.refs) out.refs.set(id, ref);
    for (const w of computed.writes.relations) {
      const key = w.after && relationKey(w.after.type, w.after.sourceId, w.after.targetId);
      if (key !== undefined && already.has(key)) continue;
      if (key !== undefined) already.add(key);
      out.writes.relations.push(w);
    }
  }
  if (out.resolved.length > 0)
    await tx.markUnresolvedRefsResolved(
      out.resolved.map((r) => r.id),
      rev,
      at,
    );
  return out;
}

/**
 * The relationship a waiting reference becomes: itself when its missing end arrived under that
 * name, else one for each arriving instance of the resource it names.
 */
function relationsFor(
  r: UnresolvedRef,
  known: Map<string, CiVersion>,
  instancesOf: Map<string, string[]>,
): { ref: UnresolvedRef; relation: DesiredRelation }[] {
  const relation: DesiredRelation = {
    type: r.type,
    from: r.from,
    to: r.to,
    ...(r.attributes ? { attributes: r.attributes } : {}),
  };
  if (known.has(r.missing)) return [{ ref: r, relation }];
  const end = r.from === r.missing ? 'from' : 'to';
  return (instancesOf.get(r.missing) ?? []).map((instance) => ({ ref: r, relation: { ...relation, [end]: instance } }));
}
