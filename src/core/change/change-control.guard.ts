import type { WriteGuard } from '../cmdb/cmdb.service.js';
import type { CiVersion } from '../ci/ci.types.js';
import { formatRef } from '../ci/desired-state.js';
import { parseChangeRef } from './change.types.js';
import type { ModelRegistry } from '../model/model-registry.js';
import type { ChangeStore, ChangeWriter } from './change.port.js';
import type { PendingWrites } from '../revision/pending-writes.js';
import type { WriteMeta } from '../revision/revision.types.js';
import type { Clock } from '../shared/clock.js';
import { changeControlRefusal, isUnderControl } from '../policy/control.js';
import { classesLeavingControl, relaxationRefusal } from '../policy/control-relaxation.js';
import { defaultPolicy, type Policy } from '../policy/policy.types.js';

/**
 * The change-control write guard, installed with `createCmdbServices(store, { guard })`. It runs
 * inside every CMDB write transaction, before anything is persisted: a write that modifies or
 * deletes a controlled CI (class under control, environment the policy controls) passes only when
 * the change service is implementing or backing out an authorized change; with
 * `--emergency --reason` it passes and is recorded as an unauthorized change; otherwise it is
 * refused with a sentence naming the CIs. Creating CIs stays open. Taking a class out of control
 * is refused unless an admin writes it (the revision records who and why).
 */
export function changeControlGuard(changes: ChangeStore, clock: Clock): WriteGuard {
  return async ({ tx, writes, meta, registry }) => {
    // `registry` is the model before this write: a CI controlled then is judged as controlled,
    // even when the same write takes its class out of control.
    const leaving = classesLeavingControl(registry, writes.model);
    if (leaving.length > 0 && meta.admin !== true) throw relaxationRefusal(`class ${leaving.join(', ')}`);
    // Most writes touch no controlled class: decide that without reading the policy.
    const candidates = writes.cis.filter(
      (w) => w.before && (registry.isControlled(w.before.class) || (w.after && registry.isControlled(w.after.class))),
    );
    const relationEnds = changedRelationEnds(writes);
    if (candidates.length === 0 && relationEnds.length === 0) return;
    const w = changes.within(tx);
    const policy = (await w.currentPolicy())?.policy ?? defaultPolicy();
    const refs = new Set(
      candidates
        .filter(
          (c) =>
            controls(policy, registry, c.before!) || (c.after !== undefined && controls(policy, registry, c.after)),
        )
        .map((c) => formatRef(c.before!)),
    );
    // Modifying or ending a relationship of a controlled CI changes that CI's configuration too.
    if (relationEnds.length > 0)
      for (const v of await tx.getCisById(relationEnds)) if (controls(policy, registry, v)) refs.add(formatRef(v));
    if (refs.size === 0) return;
    if (await authorizedByChange(w, meta)) return;
    if (meta.emergency && meta.emergency.reason.trim() !== '') {
      const head = await tx.head();
      await w.insertUnauthorized({
        revision: (head?.rev ?? 0) + 1,
        author: meta.author,
        reason: meta.emergency.reason,
        at: clock.now().toISOString(),
        cis: [...refs],
        retrospectiveChange: null,
        attachedBy: null,
        attachedAt: null,
      });
      return;
    }
    throw changeControlRefusal([...refs]);
  };
}

/**
 * Ends of relationships this write modifies or ends on their own — not those ending because one
 * of their CIs is deleted (the deletion is judged itself). New relationships stay open, like new
 * CIs: discovery and first loads add them.
 */
function changedRelationEnds(writes: PendingWrites): string[] {
  const deleted = new Set(writes.cis.flatMap((w) => (w.before && !w.after ? [w.before.id] : [])));
  const ends = new Set<string>();
  for (const r of writes.relations) {
    if (!r.before || deleted.has(r.before.sourceId) || deleted.has(r.before.targetId)) continue;
    ends.add(r.before.sourceId);
    ends.add(r.before.targetId);
  }
  return [...ends];
}

function controls(policy: Policy, registry: ModelRegistry, v: CiVersion): boolean {
  return isUnderControl(policy, registry.isControlled(v.class), v.attributes);
}

/** Only the change service sets these, and only while the change is in the matching state. */
async function authorizedByChange(w: ChangeWriter, meta: WriteMeta): Promise<boolean> {
  const ref = meta.changeId ?? meta.backoutOf;
  const id = ref ? parseChangeRef(ref) : undefined;
  if (id === undefined) return false;
  const change = await w.getChange(id);
  if (!change) return false;
  if (meta.backoutOf !== undefined) return change.state === 'implemented' || change.state === 'failed';
  return change.state === 'implementing';
}
