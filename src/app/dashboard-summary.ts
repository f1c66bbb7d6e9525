import { OPEN_STATES } from '../core/lifecycle/change-lifecycle.js';
import { mayDo, type Role } from '../core/auth/permissions.js';
import type { Services } from './services.js';

/** What the dashboard shows, as counts. */
export interface DashboardFigures {
  cis: { total: number; byClass: { class: string; count: number }[] };
  changes: { byState: Record<string, number>; open: number };
  pendingApprovals: number;
  unauthorizedChanges: number;
  openDriftFindings: number;
}

/**
 * The dashboard's figures for `user` (their pending approvals), each from one count of the store (grouped counts, not a
 * listing of every CI or change), so that they stay true and cheap whatever the CMDB's size.
 */
export async function dashboardSummary(
  s: Pick<Services, 'cis' | 'changes' | 'drift'>,
  user: { name: string; roles: readonly Role[] },
): Promise<DashboardFigures> {
  const [byClass, byState, pending, unauthorized, drift] = await Promise.all([
    s.cis.countByClass(),
    s.changes.countByState(),
    s.changes.pending(user.name, mayDo(user.roles, 'change:approve')),
    s.changes.unauthorized(),
    s.drift.findings({ state: 'open', limit: 1 }),
  ]);
  return {
    cis: { total: byClass.reduce((n, c) => n + c.count, 0), byClass },
    changes: { byState, open: OPEN_STATES.reduce((n, state) => n + byState[state], 0) },
    pendingApprovals: pending.length,
    unauthorizedChanges: unauthorized.length,
    openDriftFindings: drift.total ?? drift.items.length,
  };
}
