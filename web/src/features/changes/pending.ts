import { client } from '../../client.js';
import type { ChangeState, ChangeView, Session } from '../../types.js';

const LATE_EMERGENCY: ChangeState[] = ['implementing', 'implemented', 'failed', 'backed_out'];

/**
 * Changes waiting for a decision `session` may give: submitted (or late emergency) changes with
 * a required group still short, that the user neither requested, is assigned, nor decided on.
 * The API does not say which approver groups a user belongs to, so a change may show here for a
 * CAB member when only the change managers are missing; approving then says why not.
 */
export async function pendingForMe(session: Session): Promise<ChangeView[]> {
  if (!session.actions.includes('change:approve')) return [];
  const page = await client.changes.list({ state: ['submitted', ...LATE_EMERGENCY], limit: 1000 });
  const candidates = page.items.filter(
    (c) =>
      (c.state === 'submitted' || c.type === 'emergency') &&
      c.requester !== session.name &&
      c.assignee !== session.name,
  );
  const views = await Promise.all(candidates.map((c) => client.changes.show(c.ref)));
  return views.filter((v) => {
    const groups = v.approvalStatus.groups;
    const decided = groups.some((g) => g.approvedBy.includes(session.name) || g.rejectedBy.includes(session.name));
    return !decided && groups.some((g) => !g.satisfied);
  });
}
