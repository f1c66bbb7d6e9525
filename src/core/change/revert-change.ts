import type { DesiredState } from '../ci/desired-state.js';
import { restorePlan } from '../revision/revert.js';
import { InputError, NotFoundError } from '../shared/errors.js';
import { loadChange, type ChangeDeps } from './change-transaction.js';

/** What to revert: the whole CMDB to a point, or one implemented change. */
export type RevertTarget = { to: string } | { change: string };

/** The plan that undoes a target, and a title for the change that will carry it. */
export interface RevertPlan {
  /** The revision whose state the plan restores. */
  target: number;
  /** The revision the plan was made against (the head when it was made). */
  head: number;
  plan: DesiredState;
  title: string;
  description: string;
}

/**
 * Builds the plan of a revert: `to` restores the state at a revision, baseline, time or `CHG-n`
 * (a diff read backwards); `change` undoes that change's revision alone (deleted CIs come back,
 * created ones go). Refuses a revert that would change nothing.
 */
export async function revertPlan(
  deps: Pick<ChangeDeps, 'store' | 'changes' | 'history'>,
  target: RevertTarget,
): Promise<RevertPlan> {
  let out: RevertPlan;
  if ('change' in target) {
    const change = await loadChange(deps.changes, target.change);
    const rev = change.implementedRevision;
    if (rev === undefined)
      throw new NotFoundError('CHANGE_NOT_IMPLEMENTED', `${change.ref} wrote no revision, so there is nothing to undo`);
    out = {
      target: rev - 1,
      head: (await deps.store.head())?.rev ?? 0,
      plan: restorePlan(await deps.history.diff(rev, rev - 1)),
      title: `Undo ${change.ref}: ${change.title}`.slice(0, 200),
      description: `Restores what ${change.ref} changed in revision ${rev} to its state in revision ${rev - 1}.`,
    };
  } else {
    const point = await deps.history.resolvePoint(target.to);
    const head = (await deps.store.head())?.rev ?? 0;
    out = {
      target: point,
      head,
      plan: restorePlan(await deps.history.diff(head, point)),
      title: `Revert to ${target.to}`.slice(0, 200),
      description: `Restores the state of revision ${point} (the CMDB is at revision ${head}).`,
    };
  }
  const p = out.plan;
  const deletes = (p.delete?.cis?.length ?? 0) + (p.delete?.relations?.length ?? 0);
  if (p.cis.length === 0 && p.relations.length === 0 && deletes === 0) {
    throw new InputError('NOTHING_TO_REVERT', 'Nothing to revert: the CMDB already matches that state.');
  }
  return out;
}
