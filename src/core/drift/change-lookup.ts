import { formatRef, type DesiredCi, type DesiredState } from '../ci/desired-state.js';
import { sameJson } from '../ci/merge.js';
import type { Change } from '../change/change.types.js';
import type { ChangeState } from '../lifecycle/change-lifecycle.js';
import type { ChangeQuery } from '../change/change.port.js';
import type { CmdbReader } from '../cmdb/cmdb.port.js';
import type { ChangeLookup, DriftStore } from './drift.port.js';
import type { AuthorizingChange } from './classify.js';

/** How far from a change's revision an observation still counts as inside its window, by default. */
export const DEFAULT_REVISION_WINDOW_MS = 12 * 3_600_000;

/**
 * A ChangeLookup that needs nothing but the revision log, for when no change records with planned
 * windows are available: every revision that implemented a change (`change_id` set) within
 * `windowMs` of the observation stands for that change, its window taken as the revision's time
 * ± `windowMs`, and its plan as what the revision changed. It catches the common case of a
 * discovery run made while a change was being carried out, before its record was written.
 */
export class RevisionChangeLookup implements ChangeLookup {
  constructor(private readonly deps: { drift: DriftStore; cmdb: CmdbReader; windowMs?: number }) {}

  async changesCovering(at: string): Promise<AuthorizingChange[]> {
    const t = Date.parse(at);
    const w = this.deps.windowMs ?? DEFAULT_REVISION_WINDOW_MS;
    const revisions = await this.deps.drift.changeRevisionsBetween(
      new Date(t - w).toISOString(),
      new Date(t + w).toISOString(),
    );
    const out: AuthorizingChange[] = [];
    for (const r of revisions) {
      const rt = Date.parse(r.at);
      const window = { start: new Date(rt - w).toISOString(), end: new Date(rt + w).toISOString() };
      out.push({ ref: r.changeId!, state: 'implemented', window, plan: await this.planOf(r.rev) });
    }
    return out;
  }

  /** What a revision changed, as desired state: changed attributes, new CIs, deleted CIs. */
  private async planOf(rev: number): Promise<DesiredState> {
    const writes = await this.deps.cmdb.revisionWrites(rev);
    const ended = new Map(writes.endedCis.map((v) => [v.id, v]));
    const created = new Set(writes.createdCis.map((v) => v.id));
    const cis: DesiredCi[] = writes.createdCis.map((v) => {
      const before = ended.get(v.id);
      const attributes = Object.fromEntries(
        Object.entries(v.attributes).filter(([k, value]) => !before || !sameJson(before.attributes[k], value)),
      );
      return { class: v.class, name: v.name, status: v.status, attributes };
    });
    const deleted = writes.endedCis.filter((v) => !created.has(v.id)).map(formatRef);
    return { cis, relations: [], delete: { cis: deleted, relations: [] } };
  }
}

/** States of a change that has been carried out, or is being: its plan may be in the systems already. */
const CARRIED_OUT: ChangeState[] = ['implementing', 'implemented', 'reviewed', 'closed'];

/**
 * A ChangeLookup over the change records: changes implementing or implemented whose planned
 * window covers the observation time, with their plans. A reviewed or closed change counts only
 * if it was implemented and not backed out.
 */
export class ChangeRecordLookup implements ChangeLookup {
  constructor(private readonly changes: { listChanges(query: ChangeQuery): Promise<Change[]> }) {}

  async changesCovering(at: string): Promise<AuthorizingChange[]> {
    const t = Date.parse(at);
    const found = await this.changes.listChanges({ states: CARRIED_OUT, from: at, to: new Date(t + 1).toISOString() });
    return found
      .filter((c) => c.window && Date.parse(c.window.start) <= t && t < Date.parse(c.window.end))
      .filter(
        (c) =>
          c.state === 'implementing' ||
          c.state === 'implemented' ||
          (c.implementedRevision !== undefined && c.backoutRevision === undefined),
      )
      .map((c) => ({ ref: c.ref, state: c.state, window: c.window, plan: c.plan }));
  }
}
