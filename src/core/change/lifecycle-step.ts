import { assertMayAct, CHANGE_MANAGERS, type ChangeRole } from '../policy/change-roles.js';
import type { ChangeReader } from './change.port.js';
import { inChangeTx, loadChange, saveChange, type ChangeDeps, type ChangeTx } from './change-transaction.js';
import type { Change } from './change.types.js';

/** True when the change-managers group has members (before that, requesters review their own). */
export async function managersExist(reader: ChangeReader): Promise<boolean> {
  return ((await reader.getGroup(CHANGE_MANAGERS))?.members.length ?? 0) > 0;
}

/**
 * One lifecycle step in one transaction: load the change, check the actor's role, apply a pure
 * operation, persist the result and the records it appended.
 */
export async function step(
  deps: Pick<ChangeDeps, 'store' | 'changes' | 'clock'>,
  ref: string,
  actor: string,
  role: ChangeRole,
  action: string,
  operation: (change: Change, t: ChangeTx) => Change | Promise<Change>,
): Promise<Change> {
  return inChangeTx(deps, async (t) => {
    const change = await loadChange(t.w, ref);
    assertMayAct(change, actor, await t.w.groupsOf(actor), role, action, await managersExist(t.w));
    const next = await operation(change, t);
    await saveChange(t, change, next, actor);
    return next;
  });
}
