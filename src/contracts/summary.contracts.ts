import { Type, type Static } from '@sinclair/typebox';
import { KeyedBy } from '../core/shared/schema-words.js';

/**
 * The dashboard's figures in one answer, each counted by the store rather than from a sample: the
 * CIs by class, the changes by state, what waits for the caller, writes made outside change
 * control, and open drift findings.
 */
export const DashboardSummary = Type.Object(
  {
    cis: Type.Object({
      total: Type.Integer(),
      byClass: Type.Array(Type.Object({ class: Type.String(), count: Type.Integer() }), {
        description: "current CIs of each class (a class's own, not its subclasses')",
      }),
    }),
    changes: Type.Object({
      byState: KeyedBy(Type.Integer(), { description: 'every state, with 0 where none' }),
      open: Type.Integer({ description: 'changes under way: submitted, authorized, scheduled or implementing' }),
    }),
    pendingApprovals: Type.Integer({ description: "changes waiting for the caller's decision (GET /changes/pending)" }),
    unauthorizedChanges: Type.Integer({
      description: 'writes made outside change control with no retrospective change',
    }),
    openDriftFindings: Type.Integer(),
  },
  { title: 'DashboardSummary' },
);
export type DashboardSummary = Static<typeof DashboardSummary>;
