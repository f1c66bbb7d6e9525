import { mayDo, type Role } from '../../../../src/core/auth/permissions.js';
import { api } from '../../api/endpoints.js';
import type { ChangeView, Session } from '../../api/types.js';

const LATE_EMERGENCY = ['implementing', 'implemented', 'failed', 'backed_out'];

/**
 * Changes waiting for a decision `session` may give: submitted (or late emergency) changes with
 * a required group still short, that the user neither requested, is assigned, nor decided on.
 * The API does not say which approver groups a user belongs to, so a change may show here for a
 * CAB member when only the change managers are missing; approving then says why not.
 */
export async function pendingForMe(session: Session): Promise<ChangeView[]> {
  if (!mayDo(session.roles as Role[], 'change:approve')) return [];
  const candidates = (await api.changes(['submitted', ...LATE_EMERGENCY])).filter(
    (c) => (c.state === 'submitted' || c.type === 'emergency') && c.requester !== session.name && c.assignee !== session.name,
  );
  const views = await Promise.all(candidates.map((c) => api.change(c.ref)));
  return views.filter((v) => {
    const groups = v.approvalStatus.groups;
    const decided = groups.some((g) => g.approvedBy.includes(session.name) || g.rejectedBy.includes(session.name));
    return !decided && groups.some((g) => !g.satisfied);
  });
}
