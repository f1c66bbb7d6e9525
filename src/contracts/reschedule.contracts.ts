import { Type, type Static } from '@sinclair/typebox';
import { ApprovalStatusView, ChangeRecord, ConflictView, RiskView, TimeWindowView } from './change.contracts.js';

/*
 * Moving an authorized or scheduled change to another window: what it would do (GET, writes
 * nothing) and doing it (POST). See docs/change-workflow.md, "Rescheduling".
 */

const Instant = Type.String({ format: 'date-time', description: 'ISO-8601 with a zone' });

export const RescheduleQuery = Type.Object({ start: Instant, end: Instant }, { additionalProperties: false });
export type RescheduleQuery = Static<typeof RescheduleQuery>;

export const RescheduleBody = Type.Object(
  {
    window: Type.Object({ start: Instant, end: Instant }, { additionalProperties: false }),
    overrideReason: Type.Optional(
      Type.String({ maxLength: 4000, description: 'why conflicts in the new window are accepted (change managers)' }),
    ),
    comment: Type.Optional(Type.String({ maxLength: 4000 })),
  },
  { additionalProperties: false },
);
export type RescheduleBody = Static<typeof RescheduleBody>;

/** What moving the change to the window does (or would do). */
export const ReschedulePreviewView = Type.Object(
  {
    ref: Type.String(),
    window: TimeWindowView,
    conflicts: Type.Array(ConflictView, { description: 'they block unless a change manager overrides them' }),
    risk: RiskView,
    required: Type.Array(
      Type.Object({ group: Type.String(), quorum: Type.Integer(), because: Type.Array(Type.String()) }),
    ),
    approvalStatus: ApprovalStatusView,
    nextState: Type.Union([Type.Literal('scheduled'), Type.Literal('submitted')], {
      description: 'scheduled: the approvals given still suffice; submitted: it goes back for the approvals it lacks',
    }),
  },
  { title: 'ReschedulePreview' },
);
export type ReschedulePreviewView = Static<typeof ReschedulePreviewView>;

export const RescheduleResultView = Type.Composite([ReschedulePreviewView, Type.Object({ change: ChangeRecord })], {
  title: 'RescheduleResult',
});
export type RescheduleResultView = Static<typeof RescheduleResultView>;
