import { Type, type Static } from '@sinclair/typebox';
import { PlanDocument } from '../core/change/change-document.schema.js';
import { CHANGE_VIEW_ACTIONS } from '../core/change/change.types.js';
import { PolicyDocument } from '../core/policy/policy-document.schema.js';
import { JsonObject, Page } from './common.js';

/** The approval policy in force (`cairn policy show`); version 0 is the built-in default. */
export const PolicyView = Type.Object(
  {
    version: Type.Integer(),
    appliedAt: Type.Union([Type.String(), Type.Null()]),
    appliedBy: Type.Union([Type.String(), Type.Null()]),
    policy: JsonObject,
  },
  { title: 'Policy' },
);
export type PolicyView = Static<typeof PolicyView>;

/** What `POST /policy` did (`cairn policy apply`). */
export const PolicyApplied = Type.Object(
  {
    version: Type.Integer(),
    changed: Type.Boolean(),
    hash: Type.String(),
    appliedAt: Type.Union([Type.String(), Type.Null()]),
    appliedBy: Type.Union([Type.String(), Type.Null()]),
  },
  { title: 'PolicyApplied' },
);
export type PolicyApplied = Static<typeof PolicyApplied>;

/** A policy.yaml document, checked in depth by the core. */
// The document's schema is the core's own (the core checks the documents it reads, whoever sends them).
export const PolicyBody = PolicyDocument;
export type PolicyBody = Static<typeof PolicyBody>;

/** A person of the change workflow (an approver, a requester), not a login: see `/users` for those. */
export const WorkflowUser = Type.Object(
  {
    name: Type.String(),
    email: Type.Union([Type.String(), Type.Null()]),
    displayName: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String(),
    source: Type.Union([Type.Literal('local'), Type.Literal('provider')], {
      description: 'where the user signs in: local (a password in Cairn) or provider (single sign-on)',
    }),
  },
  { title: 'WorkflowUser' },
);
export type WorkflowUser = Static<typeof WorkflowUser>;
export const WorkflowUserPage = Page(WorkflowUser, 'WorkflowUserPage');
export const CreateWorkflowUserBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    email: Type.Optional(Type.String()),
    displayName: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type CreateWorkflowUserBody = Static<typeof CreateWorkflowUserBody>;

export const WorkflowGroup = Type.Object(
  {
    name: Type.String(),
    description: Type.Union([Type.String(), Type.Null()]),
    members: Type.Array(Type.String(), { description: 'named by policy.yaml or added by an admin' }),
    providerMembers: Type.Array(Type.String(), {
      description: "members by the identity provider's claims at their last sign-in (single sign-on)",
    }),
  },
  { title: 'WorkflowGroup' },
);
export type WorkflowGroup = Static<typeof WorkflowGroup>;
export const WorkflowGroupPage = Page(WorkflowGroup, 'WorkflowGroupPage');
export const CreateWorkflowGroupBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 200 }), description: Type.Optional(Type.String()) },
  { additionalProperties: false },
);
export type CreateWorkflowGroupBody = Static<typeof CreateWorkflowGroupBody>;
export const GroupParams = Type.Object({ name: Type.String({ minLength: 1 }) });
export const AddMemberBody = Type.Object({ user: Type.String({ minLength: 1 }) }, { additionalProperties: false });

export const AgendaQuery = Type.Object({
  date: Type.Optional(
    Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'meeting date, YYYY-MM-DD (default today)' }),
  ),
});
/** One change on the CAB's agenda: `awaiting` names the required groups still short of approvals, e.g. `cab (1 more)`. */
export const AgendaItemView = Type.Object(
  {
    ref: Type.String(),
    title: Type.String(),
    type: Type.String(),
    state: Type.String(),
    requester: Type.String(),
    window: Type.Union([Type.Object({ start: Type.String(), end: Type.String() }), Type.Null()]),
    risk: Type.Union([Type.Object({ level: Type.String(), score: Type.Number() }), Type.Null()]),
    impact: Type.Union([
      Type.Object(
        {
          touched: Type.Array(Type.String()),
          impacted: Type.Array(Type.String()),
          businessServices: Type.Array(Type.String()),
        },
        { description: 'what the plan touches, what that affects, and the business services among them' },
      ),
      Type.Null(),
    ]),
    awaiting: Type.Array(Type.String()),
    conflicts: Type.Array(Type.String()),
    allowedActions: Type.Array(Type.Union(CHANGE_VIEW_ACTIONS.map((a) => Type.Literal(a))), {
      description: 'what the caller may do on the change now; approve and reject only where their decision is awaited',
    }),
  },
  { title: 'AgendaItem' },
);
export type AgendaItemView = Static<typeof AgendaItemView>;

/** `cairn cab agenda`: changes for the CAB's decision, highest risk first, and those due the week after. */
export const CabAgendaView = Type.Object(
  {
    date: Type.String(),
    cab: Type.String({ description: 'the CAB group of the policy' }),
    forDecision: Type.Array(AgendaItemView),
    upcoming: Type.Array(AgendaItemView),
  },
  { title: 'CabAgenda' },
);
export type CabAgendaView = Static<typeof CabAgendaView>;

/** `cairn change replan [-f FILE]`: a new plan, or none to rebase the current one. */
export const ReplanBody = Type.Object({ plan: Type.Optional(PlanDocument) }, { additionalProperties: false });
export type ReplanBody = Static<typeof ReplanBody>;
export const AttachBody = Type.Object(
  { revision: Type.Integer({ minimum: 1, description: 'the revision the --emergency write produced' }) },
  { additionalProperties: false },
);

export const UnauthorizedQuery = Type.Object({
  all: Type.Optional(Type.Boolean({ description: 'include those already covered by a retrospective change' })),
});
export const UnauthorizedRecords = Type.Array(
  Type.Object({
    id: Type.Integer(),
    revision: Type.Integer(),
    author: Type.String(),
    reason: Type.String(),
    at: Type.String(),
    cis: Type.Array(Type.String()),
    retrospectiveChange: Type.Union([Type.String(), Type.Null()]),
    attachedBy: Type.Union([Type.String(), Type.Null()]),
    attachedAt: Type.Union([Type.String(), Type.Null()]),
  }),
  { title: 'UnauthorizedChanges' },
);
export type UnauthorizedRecords = Static<typeof UnauthorizedRecords>;
export type UnauthorizedQuery = Static<typeof UnauthorizedQuery>;

/** `cairn revert --to POINT | --change CHG-n` without --dry-run: opens a normal change carrying the plan. */
export const RevertBody = Type.Object(
  {
    to: Type.Optional(Type.String({ minLength: 1 })),
    change: Type.Optional(Type.String({ pattern: '^(CHG-)?[0-9]+$' })),
    justification: Type.Optional(Type.String({ maxLength: 4000 })),
  },
  { additionalProperties: false, title: 'RevertRequest' },
);
export type RevertBody = Static<typeof RevertBody>;
