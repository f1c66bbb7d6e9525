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
