import type { ChangeAction, ChangeEdit, ChangeViewAction } from '../change/change.types.js';
import { mayDo, type Action, type Role } from './permissions.js';

/** The permission (by role) each workflow action needs; the API checks it before the core's own rules. */
export const ACTION_PERMISSION: Record<ChangeAction, Action> = {
  submit: 'change:request',
  cancel: 'change:request',
  approve: 'change:approve',
  reject: 'change:approve',
  implement: 'change:implement',
  fail: 'change:implement',
  backout: 'change:implement',
  schedule: 'change:manage',
  review: 'change:manage',
  close: 'change:manage',
};

/** The permission each edit's route needs (PATCH /changes/{ref}, POST …/replan, POST …/reschedule). */
const EDIT_PERMISSION: Record<ChangeEdit, Action> = {
  edit: 'change:request',
  replan: 'change:request',
  reschedule: 'change:manage',
};

const PERMISSION_OF: Record<ChangeViewAction, Action> = { ...ACTION_PERMISSION, ...EDIT_PERMISSION };

/** A caller as the change views see them: their name, and the actions and edits their roles permit. */
export function changeViewerOf(principal: { name: string; roles: readonly Role[] }): {
  name: string;
  permits: (action: ChangeViewAction) => boolean;
} {
  return { name: principal.name, permits: (action) => mayDo(principal.roles, PERMISSION_OF[action]) };
}
