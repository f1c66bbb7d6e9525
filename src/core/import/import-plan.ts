import { refKey } from '../ci/apply-plan.js';
import type { DesiredState } from '../ci/desired-state.js';
import type { ModelRegistry } from '../model/model-registry.js';
import type { PendingWrites } from '../revision/pending-writes.js';

/**
 * Adds to `plan` the records of one write batch that write something: CIs added or modified,
 * relationships added or modified (matched on their canonical type and ends), and the classes
 * the batch defines. Unchanged records are left out, so the plan is exactly the import's writes.
 */
export async function collectPlan(
  plan: DesiredState,
  batch: DesiredState,
  writes: PendingWrites,
  refs: Map<string, string>,
  registry: () => Promise<ModelRegistry>,
): Promise<void> {
  if (batch.classes?.length) plan.classes = [...(plan.classes ?? []), ...batch.classes];
  if (batch.relationTypes?.length) plan.relationTypes = [...(plan.relationTypes ?? []), ...batch.relationTypes];
  const writtenCis = new Set(writes.cis.flatMap((w) => (w.after ? [refKey(w.after.class, w.after.name)] : [])));
  for (const ci of batch.cis) if (writtenCis.has(refKey(ci.class, ci.name))) plan.cis.push(ci);
  if (writes.relations.length === 0) return;
  const written = new Set(
    writes.relations.flatMap((w) =>
      w.after ? [`${w.after.type} ${refs.get(w.after.sourceId)} ${refs.get(w.after.targetId)}`] : [],
    ),
  );
  const reg = await registry();
  for (const r of batch.relations) {
    const type = reg.relationType(r.type);
    if (!type) continue;
    const [from, to] = type.inverted ? [r.to, r.from] : [r.from, r.to];
    if (written.has(`${type.definition.name} ${from} ${to}`)) plan.relations.push(r);
  }
}

/**
 * Adds to `plan` the relationships that references earlier imports left waiting become now that
 * the import wrote their missing end: the import writes them, so a change opened from the import
 * must plan them too. `refs` names each CI id by its reference.
 */
export function planArrivals(plan: DesiredState, writes: PendingWrites, refs: Map<string, string>): void {
  for (const w of writes.relations) {
    const r = w.after;
    if (!r || w.before) continue;
    const from = refs.get(r.sourceId);
    const to = refs.get(r.targetId);
    if (from === undefined || to === undefined) continue;
    plan.relations.push({
      type: r.type,
      from,
      to,
      ...(Object.keys(r.attributes).length > 0 ? { attributes: r.attributes } : {}),
    });
  }
}

/** Adds to `plan` the deletions of writes computed outside the batch loop (pruning). */
export function planDeletions(plan: DesiredState, writes: PendingWrites, refs: Map<string, string>): void {
  for (const w of writes.cis) if (!w.after && w.before) plan.delete!.cis!.push(refKey(w.before.class, w.before.name));
  // Deleting a CI ends its relationships: list only those that outlive the deletions.
  const gone = new Set(writes.cis.flatMap((w) => (!w.after && w.before ? [w.before.id] : [])));
  for (const w of writes.relations) {
    const r = w.before;
    if (!w.after && r && !gone.has(r.sourceId) && !gone.has(r.targetId) && refs.has(r.sourceId) && refs.has(r.targetId))
      plan.delete!.relations!.push({ type: r.type, from: refs.get(r.sourceId)!, to: refs.get(r.targetId)! });
  }
}
