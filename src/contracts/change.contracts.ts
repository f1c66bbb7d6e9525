import { Type, type Static } from '@sinclair/typebox';
import { CHANGE_ACTIONS, CHANGE_OUTCOMES, CHANGE_VIEW_ACTIONS } from '../core/change/change.types.js';
import { CHANGE_STATES, CHANGE_TYPES } from '../core/lifecycle/change-lifecycle.js';
import { ChangeDocument } from '../core/change/change-document.schema.js';
import { WriteOutcome } from './ci.contracts.js';
import { JsonObject, Page, PageQuery, StringMap } from './common.js';

/*
 * The views of the change workflow. Properties are listed required first, then optional, in the
 * order the API writes them (its serializer writes required properties first), so that a schema
 * reads like the JSON it describes.
 */

export const TimeWindowView = Type.Object({ start: Type.String(), end: Type.String() }, { title: 'TimeWindow' });

export const ApprovalView = Type.Object(
  {
    by: Type.String(),
    group: Type.String({ description: 'the required group the approver acted for' }),
    decision: Type.Union([Type.Literal('approve'), Type.Literal('reject')]),
    at: Type.String(),
    planHash: Type.String({ description: 'the plan the decision was given for' }),
    comment: Type.Optional(Type.String()),
    voided: Type.Optional(Type.Boolean()),
    voidedReason: Type.Optional(Type.String()),
  },
  { title: 'Approval' },
);

export const HistoryEntryView = Type.Object(
  {
    from: Type.String(),
    to: Type.String(),
    event: Type.String(),
    by: Type.String(),
    at: Type.String(),
    comment: Type.Optional(Type.String()),
  },
  { title: 'ChangeHistoryEntry' },
);

export const ImpactSummaryView = Type.Object(
  {
    touched: Type.Array(Type.String()),
    impacted: Type.Array(Type.String()),
    businessServices: Type.Array(Type.String()),
    environments: Type.Array(Type.String()),
    cis: Type.Optional(
      Type.Array(
        Type.Object({
          ref: Type.String(),
          class: Type.String(),
          ancestors: Type.Array(Type.String()),
          labels: StringMap,
          environment: Type.Optional(Type.String()),
        }),
      ),
    ),
  },
  { title: 'ChangeImpact' },
);

export const RiskView = Type.Object(
  {
    level: Type.String(),
    score: Type.Number(),
    factors: Type.Array(
      Type.Object({ factor: Type.String(), score: Type.Number(), max: Type.Number(), reason: Type.String() }),
    ),
    thresholds: Type.Object({ medium: Type.Number(), high: Type.Number(), veryHigh: Type.Number() }),
  },
  { title: 'RiskAssessment' },
);

/** A change request: see docs/change-workflow.md. */
export const ChangeRecord = Type.Object(
  {
    id: Type.Integer(),
    ref: Type.String({ description: 'CHG-n' }),
    type: Type.String(),
    state: Type.String(),
    title: Type.String(),
    description: Type.String(),
    justification: Type.String(),
    category: Type.String(),
    requester: Type.String(),
    implementationPlan: Type.String(),
    testPlan: Type.String(),
    backoutPlan: Type.String(),
    plan: JsonObject,
    planHash: Type.String(),
    baseRevision: Type.Integer({ description: 'the revision the plan was made against' }),
    approvals: Type.Array(ApprovalView),
    history: Type.Array(HistoryEntryView),
    createdAt: Type.String(),
    updatedAt: Type.String(),
    template: Type.Optional(Type.String()),
    assignee: Type.Optional(Type.String()),
    window: Type.Optional(TimeWindowView),
    impact: Type.Optional(ImpactSummaryView),
    risk: Type.Optional(RiskView),
    outcome: Type.Optional(Type.String()),
    review: Type.Optional(
      Type.Object({ outcome: Type.String(), notes: Type.String(), by: Type.String(), at: Type.String() }),
    ),
    implementedRevision: Type.Optional(Type.Integer()),
    backoutRevision: Type.Optional(Type.Integer()),
    implementedBeforeAuthorization: Type.Optional(Type.Boolean()),
    unauthorized: Type.Optional(
      Type.Object({
        reason: Type.String(),
        by: Type.String(),
        at: Type.String(),
        revision: Type.Optional(Type.Integer()),
        retrospectiveChange: Type.Optional(Type.String()),
      }),
    ),
    conflictOverride: Type.Optional(Type.Object({ by: Type.String(), at: Type.String(), reason: Type.String() })),
    windowOverride: Type.Optional(
      Type.Object(
        { by: Type.String(), at: Type.String(), reason: Type.String() },
        { description: 'a change manager implemented it outside its approved window, for this reason' },
      ),
    ),
    actualStart: Type.Optional(Type.String({ description: 'when the implementation started' })),
    actualEnd: Type.Optional(Type.String({ description: 'when the implementation ended' })),
  },
  { title: 'Change' },
);
export type ChangeRecord = Static<typeof ChangeRecord>;

export const ConflictView = Type.Object(
  {
    kind: Type.String({ description: 'same-attribute, overlap, freeze or maintenance' }),
    message: Type.String(),
    other: Type.Optional(Type.String({ description: 'CHG-n of the other change' })),
    window: Type.Optional(Type.Object({ name: Type.String(), start: Type.String(), end: Type.String() })),
    ci: Type.Optional(Type.String()),
  },
  { title: 'Conflict' },
);
export type ConflictView = Static<typeof ConflictView>;

/** Where a change's approvals stand; `ignored` names the decisions that did not count, and why. */
export const ApprovalStatusView = Type.Object(
  {
    groups: Type.Array(
      Type.Object({
        group: Type.String(),
        quorum: Type.Integer(),
        approvedBy: Type.Array(Type.String()),
        rejectedBy: Type.Array(Type.String()),
        missing: Type.Integer(),
        satisfied: Type.Boolean(),
      }),
    ),
    satisfied: Type.Boolean(),
    rejected: Type.Boolean(),
    ignored: Type.Array(Type.Object({ by: Type.String(), group: Type.String(), reason: Type.String() })),
  },
  { title: 'ApprovalStatus' },
);
export type ApprovalStatusView = Static<typeof ApprovalStatusView>;

/** What a plan does to one CI, old → new (see `planChanges`). */
export const PlanCiChangeView = Type.Object(
  {
    ref: Type.String(),
    action: Type.Union([
      Type.Literal('add'),
      Type.Literal('modify'),
      Type.Literal('delete'),
      Type.Literal('unchanged'),
    ]),
    changes: Type.Array(
      Type.Object({
        path: Type.String({ description: 'status, attributes.<key> or labels.<key>' }),
        from: Type.Optional(Type.Unknown({ description: 'absent: not set before' })),
        to: Type.Optional(Type.Unknown({ description: 'absent: removed' })),
      }),
    ),
  },
  { title: 'PlanCiChange' },
);

/** `cairn change show`: a change with what the policy and the calendar make of it now. */
export const ChangeShow = Type.Object(
  {
    change: ChangeRecord,
    required: Type.Array(
      Type.Object({ group: Type.String(), quorum: Type.Integer(), because: Type.Array(Type.String()) }),
    ),
    approvalStatus: ApprovalStatusView,
    conflicts: Type.Array(ConflictView),
    next: Type.Array(Type.Object({ event: Type.String(), to: Type.String() })),
    allowedActions: Type.Array(Type.Union(CHANGE_VIEW_ACTIONS.map((a) => Type.Literal(a))), {
      description:
        'the actions the caller may take on the change now (their role, the lifecycle, who requested it, which groups must approve): the workflow actions, then edit (a draft), replan and reschedule; a face offers only these',
    }),
    planChanges: Type.Optional(
      Type.Array(PlanCiChangeView, {
        description:
          'the plan as old → new for each CI it sets or deletes, against the revision it was planned against (or the one before its implementation): every field of an added CI, every field a deletion removes',
      }),
    ),
  },
  { title: 'ChangeView' },
);
export type ChangeShow = Static<typeof ChangeShow>;

export const ChangeParams = Type.Object({
  ref: Type.String({ pattern: '^(CHG-)?[0-9]+$', description: 'CHG-42 or 42' }),
});

export const ListChangesQuery = Type.Composite([
  PageQuery,
  Type.Object({
    state: Type.Optional(Type.Array(Type.Union(CHANGE_STATES.map((s) => Type.Literal(s))))),
    type: Type.Optional(Type.Array(Type.Union(CHANGE_TYPES.map((t) => Type.Literal(t))))),
    requester: Type.Optional(Type.String({ description: 'raised by this user' })),
    ci: Type.Optional(Type.String({ description: 'whose plan touches this CI (class/name)' })),
    from: Type.Optional(Type.String({ format: 'date-time', description: 'whose window ends after this time' })),
    to: Type.Optional(Type.String({ format: 'date-time', description: 'whose window starts before this time' })),
  }),
]);
export type ListChangesQuery = Static<typeof ListChangesQuery>;

export const ChangePage = Page(ChangeRecord, 'ChangePage');
export type ChangePage = Static<typeof ChangePage>;

/** The change document of `cairn change create -f` (change.yaml); its fields are checked by the core. */
// The document's schema is the core's own (the core checks the documents it reads, whoever sends them).
export const CreateChangeBody = ChangeDocument;
export type CreateChangeBody = Static<typeof CreateChangeBody>;

export const TRANSITIONS = CHANGE_ACTIONS;
export type Transition = (typeof TRANSITIONS)[number];

export const TransitionParams = Type.Object({
  ref: ChangeParams.properties.ref,
  action: Type.Union(TRANSITIONS.map((t) => Type.Literal(t))),
});

export const TransitionBody = Type.Object(
  {
    comment: Type.Optional(Type.String({ maxLength: 4000 })),
    group: Type.Optional(Type.String({ description: 'approve/reject: the approving group' })),
    window: Type.Optional(
      Type.Object({ start: Type.String({ format: 'date-time' }), end: Type.String({ format: 'date-time' }) }),
    ),
    overrideReason: Type.Optional(
      Type.String({
        description:
          'schedule: why a conflict is accepted; implement: why it is implemented outside its approved window (change managers only)',
      }),
    ),
    outcome: Type.Optional(Type.Union(CHANGE_OUTCOMES.map((o) => Type.Literal(o)))),
    notes: Type.Optional(Type.String({ description: 'review: what was learned' })),
  },
  { additionalProperties: false },
);
export type TransitionBody = Static<typeof TransitionBody>;

/** What a transition did: the change, and what the transition has to say besides. */
export const TransitionResult = Type.Object(
  {
    change: ChangeRecord,
    group: Type.Optional(Type.String({ description: 'approve/reject: the group the decision counted for' })),
    evaluation: Type.Optional(ApprovalStatusView),
    conflicts: Type.Optional(
      Type.Array(ConflictView, { description: 'schedule: the conflicts a change manager overrode' }),
    ),
    outcome: Type.Optional(WriteOutcome),
  },
  { title: 'TransitionResult' },
);
export type TransitionResult = Static<typeof TransitionResult>;

export const CalendarQuery = Type.Object({
  from: Type.String({ format: 'date-time' }),
  to: Type.String({ format: 'date-time' }),
  format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('ics')])),
});

/** One line of the change calendar: a change's window, or an occurrence of a freeze or maintenance window. */
export const CalendarEntryView = Type.Object(
  {
    kind: Type.String({ description: 'change, freeze or maintenance' }),
    start: Type.String(),
    end: Type.String(),
    title: Type.String(),
    description: Type.String(),
    ref: Type.String({ description: 'CHG-n, or the window’s name' }),
    state: Type.Optional(Type.String()),
    conflicts: Type.Optional(Type.Array(ConflictView)),
  },
  { title: 'CalendarEntry' },
);
export type CalendarEntryView = Static<typeof CalendarEntryView>;
export const CalendarEntries = Type.Array(CalendarEntryView, { title: 'CalendarEntries' });

/** `cairn change pending`: what waits for a user's approval (the caller's, over HTTP), and for which of their groups. */
export const PendingApprovals = Type.Object(
  {
    user: Type.String({ description: 'whose approval these wait for' }),
    items: Type.Array(
      Type.Object({
        ref: Type.String(),
        title: Type.String(),
        risk: Type.Union([Type.String(), Type.Null()]),
        requester: Type.String(),
        groups: Type.Array(Type.Object({ group: Type.String(), missing: Type.Integer() })),
      }),
    ),
  },
  { title: 'PendingApprovals' },
);
export type PendingApprovals = Static<typeof PendingApprovals>;
