import { Type, type Static } from '@sinclair/typebox';
import { CHANGE_OUTCOMES, CHANGE_STATES, CHANGE_TYPES } from '../core/change/change.types.js';
import { JsonObject } from './common.js';

/** A change record as the core returns it (see docs/change-workflow.md); fields checked by the core. */
export const ChangeRecord = Type.Object(
  { id: Type.Integer(), ref: Type.String(), type: Type.String(), state: Type.String(), title: Type.String(), planHash: Type.String(), requester: Type.String() },
  { additionalProperties: true, title: 'Change' },
);

export const ChangeShow = Type.Object({ change: ChangeRecord }, { additionalProperties: true, title: 'ChangeView' });

export const ChangeParams = Type.Object({ ref: Type.String({ pattern: '^(CHG-)?[0-9]+$', description: 'CHG-42 or 42' }) });

export const ListChangesQuery = Type.Object({
  state: Type.Optional(Type.Array(Type.Union(CHANGE_STATES.map((s) => Type.Literal(s))))),
  type: Type.Optional(Type.Array(Type.Union(CHANGE_TYPES.map((t) => Type.Literal(t))))),
  requester: Type.Optional(Type.String({ description: 'raised by this user' })),
  ci: Type.Optional(Type.String({ description: 'whose plan touches this CI (class/name)' })),
  from: Type.Optional(Type.String({ format: 'date-time', description: 'whose window ends after this time' })),
  to: Type.Optional(Type.String({ format: 'date-time', description: 'whose window starts before this time' })),
});
export type ListChangesQuery = Static<typeof ListChangesQuery>;

/** The change document of `cairn change create -f` (checked in depth by the core). */
export const CreateChangeBody = Type.Object({ title: Type.String() }, { additionalProperties: true, title: 'ChangeDocument' });

export const TRANSITIONS = ['submit', 'approve', 'reject', 'schedule', 'implement', 'fail', 'backout', 'review', 'close', 'cancel'] as const;
export type Transition = (typeof TRANSITIONS)[number];

export const TransitionParams = Type.Object({ ref: ChangeParams.properties.ref, action: Type.Union(TRANSITIONS.map((t) => Type.Literal(t))) });

export const TransitionBody = Type.Object(
  {
    comment: Type.Optional(Type.String({ maxLength: 4000 })),
    group: Type.Optional(Type.String({ description: 'approve/reject: the approving group' })),
    window: Type.Optional(Type.Object({ start: Type.String({ format: 'date-time' }), end: Type.String({ format: 'date-time' }) })),
    overrideReason: Type.Optional(Type.String({ description: 'schedule: why a conflict is accepted' })),
    outcome: Type.Optional(Type.Union(CHANGE_OUTCOMES.map((o) => Type.Literal(o)))),
    notes: Type.Optional(Type.String({ description: 'review: what was learned' })),
  },
  { additionalProperties: false },
);
export type TransitionBody = Static<typeof TransitionBody>;

export const TransitionResult = Type.Object({ change: ChangeRecord }, { additionalProperties: true, title: 'TransitionResult' });

export const CalendarQuery = Type.Object({ from: Type.String({ format: 'date-time' }), to: Type.String({ format: 'date-time' }), format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('ics')])) });
export const CalendarEntries = Type.Array(JsonObject, { title: 'CalendarEntries' });

/** `cairn change pending`: what waits for the caller's approval, and for which of their groups. */
export const PendingApprovals = Type.Array(
  Type.Object({
    ref: Type.String(),
    title: Type.String(),
    risk: Type.Union([Type.String(), Type.Null()]),
    requester: Type.String(),
    groups: Type.Array(Type.Object({ group: Type.String(), missing: Type.Integer() })),
  }),
  { title: 'PendingApprovals' },
);
