import type { ApprovalSubject } from './approvals.js';
import { NotAllowedError } from '../shared/errors.js';

/**
 * The group whose members are change managers: they may act on any change, override calendar
 * conflicts and review and close changes. Named by convention; define it under `groups:` in
 * policy.yaml (or with `cairn group add`).
 */
export const CHANGE_MANAGERS = 'change-managers';

/** Who may take a step on a change, besides change managers. */
export type ChangeRole = 'requester' | 'implementer' | 'manager';

/** True when the user is a change manager. */
export function isChangeManager(groupsOfUser: readonly string[]): boolean {
  return groupsOfUser.includes(CHANGE_MANAGERS);
}

/**
 * Checks that `user` may take `action` on the change: the requester for requester steps (create,
 * submit, replan, cancel), the assignee (or the requester when there is none) for implementer steps
 * (schedule, implement, fail, backout), the requester for review and close when no change manager
 * exists; a change manager always. Throws NotAllowedError saying who may.
 */
export function assertMayAct(
  change: Pick<ApprovalSubject, 'ref' | 'requester' | 'assignee'>,
  user: string,
  groupsOfUser: readonly string[],
  role: ChangeRole,
  action: string,
  managersExist: boolean,
): void {
  if (isChangeManager(groupsOfUser)) return;
  const implementer = change.assignee ?? change.requester;
  if (role === 'requester' && user === change.requester) return;
  if (role === 'implementer' && (user === implementer || user === change.requester)) return;
  if (role === 'manager' && !managersExist && user === change.requester) return;
  const who =
    role === 'requester'
      ? `its requester (${change.requester})`
      : role === 'implementer'
        ? `its assignee or requester (${[...new Set([implementer, change.requester])].join(', ')})`
        : managersExist
          ? 'a change manager'
          : `its requester (${change.requester})`;
  throw new NotAllowedError(
    'CHANGE_NOT_ALLOWED',
    `${user} may not ${action} ${change.ref}: only ${who} or a member of ${CHANGE_MANAGERS} may.`,
  );
}
