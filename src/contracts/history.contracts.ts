import { Type, type Static } from '@sinclair/typebox';
import { AtQuery, JsonObject, MAX_PAGE, Page } from './common.js';

export const RevisionView = Type.Object(
  {
    rev: Type.Integer(),
    at: Type.String({ format: 'date-time' }),
    author: Type.String(),
    message: Type.String(),
    source: Type.String(),
    change: Type.Union([Type.String(), Type.Null()], { description: 'the change this revision implemented' }),
    backoutOf: Type.Union([Type.String(), Type.Null()], { description: 'the change this revision backed out' }),
    hash: Type.String(),
  },
  { title: 'Revision' },
);
export type RevisionView = Static<typeof RevisionView>;

/** The log, newest first; `total` on the first page: the whole CMDB's (its head revision), a CI's when one page holds it. */
export const RevisionPage = Page(RevisionView, 'RevisionPage');

export const ListRevisionsQuery = Type.Object({
  ci: Type.Optional(
    Type.String({ pattern: '^[a-z][a-z0-9_]*/.+$', description: 'Only revisions touching this class/name' }),
  ),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE, default: 20 })),
  cursor: Type.Optional(Type.String({ pattern: '^[0-9]+$', description: 'The nextCursor of the previous page' })),
});
export type ListRevisionsQuery = Static<typeof ListRevisionsQuery>;

export const RevParams = Type.Object({ rev: Type.Integer({ minimum: 1 }) });

const MadeIn = Type.Object(
  {
    rev: Type.Integer(),
    at: Type.String({ format: 'date-time' }),
    author: Type.String(),
    change: Type.Union([Type.String(), Type.Null()], { description: 'the change that revision implemented' }),
    backoutOf: Type.Union([Type.String(), Type.Null()], { description: 'the change that revision backed out' }),
  },
  {
    title: 'DiffLineRevision',
    description:
      'The revision that made this line (for a field, the last one between the two points that changed it); ' +
      'in a diff read backwards, the revision whose work the line undoes',
  },
);
const FieldChange = Type.Object({
  path: Type.String(),
  from: Type.Unknown({ description: 'null when the field was added' }),
  to: Type.Unknown({ description: 'null when the field was removed' }),
  change: Type.Union([Type.Literal('added'), Type.Literal('removed'), Type.Literal('changed')], {
    description: 'removed: the key is gone (no new value); changed to null is `changed` with `to` null',
  }),
  madeIn: MadeIn,
});
const Entry = Type.Object({ ref: Type.String(), id: Type.String(), madeIn: MadeIn }, { additionalProperties: true });
const Modified = Type.Object({ ref: Type.String(), id: Type.String(), changes: Type.Array(FieldChange) });
const Section = { added: Type.Array(Entry), removed: Type.Array(Entry), modified: Type.Array(Modified) };

export const DiffView = Type.Object(
  { from: Type.Integer(), to: Type.Integer(), ...Section, relations: Type.Object(Section) },
  { title: 'Diff' },
);
export type DiffView = Static<typeof DiffView>;

export const DiffQuery = Type.Object({
  from: Type.String({ minLength: 1, description: 'Revision, baseline, CHG-n or ISO time' }),
  to: Type.Optional(Type.String({ minLength: 1, description: 'Default: now' })),
});

export const Baseline = Type.Object(
  {
    name: Type.String(),
    rev: Type.Integer(),
    createdAt: Type.String({ format: 'date-time' }),
    author: Type.String(),
    description: Type.String(),
  },
  { title: 'Baseline' },
);
export type Baseline = Static<typeof Baseline>;
export const BaselineDetail = Type.Composite(
  [Baseline, Type.Object({ cis: Type.Integer({ description: 'CIs in the baseline' }) })],
  { title: 'BaselineDetail' },
);
export type BaselineDetail = Static<typeof BaselineDetail>;

export const CreateBaselineBody = Type.Composite(
  [
    Type.Object({
      name: Type.String({ minLength: 1, maxLength: 128 }),
      description: Type.Optional(Type.String({ maxLength: 2000 })),
    }),
    AtQuery,
  ],
  { additionalProperties: false },
);
export type CreateBaselineBody = Static<typeof CreateBaselineBody>;

export const BaselineParams = Type.Object({ name: Type.String({ minLength: 1 }) });

export const RevertPlanQuery = Type.Object({
  to: Type.Optional(Type.String({ minLength: 1, description: 'Revision, baseline, CHG-n or ISO time to restore' })),
  change: Type.Optional(
    Type.String({ pattern: '^(CHG-)?[0-9]+$', description: 'Instead of `to`: the implemented change to undo alone' }),
  ),
});
export const RevertPlan = Type.Object(
  {
    target: Type.Integer(),
    head: Type.Integer(),
    plan: JsonObject,
    title: Type.Optional(Type.String({ description: 'the title a revert change would carry' })),
  },
  { title: 'RevertPlan' },
);
export type RevertPlan = Static<typeof RevertPlan>;

export const VerifyResult = Type.Object(
  {
    ok: Type.Boolean({ description: 'true when both the revision chain and the change records verify' }),
    revisions: Type.Integer(),
    firstBad: Type.Optional(Type.Object({ rev: Type.Integer(), reason: Type.String() })),
    changeRecords: Type.Optional(
      Type.Object({
        ok: Type.Boolean(),
        approvals: Type.Integer(),
        transitions: Type.Integer(),
        policies: Type.Integer(),
        environments: Type.Integer({ description: 'environments versions (environments.yaml) verified' }),
        changes: Type.Integer(),
        firstBad: Type.Optional(Type.Object({ record: Type.String(), reason: Type.String() })),
      }),
    ),
    problems: Type.Optional(
      Type.Array(Type.Object({ record: Type.String(), reason: Type.String() }), {
        description: 'every bad record found (revisions and version rows, then change records), at most 1 000',
      }),
    ),
    problemCount: Type.Optional(Type.Integer({ description: 'how many problems were found in all' })),
  },
  { title: 'AuditVerification' },
);
export type VerifyResult = Static<typeof VerifyResult>;

/** A class as `cairn class apply` defines it (a child inherits what it leaves out). */
export const ClassView = Type.Object(
  {
    name: Type.String(),
    parent: Type.Optional(Type.String({ description: 'A CI of this class is also a CI of its parent' })),
    description: Type.Optional(Type.String()),
    attributes: Type.Optional(JsonObject),
    identify: Type.Optional(Type.Array(Type.String(), { description: 'Keys that match an observed item to a CI' })),
    statuses: Type.Optional(Type.Array(Type.String())),
    controlled: Type.Optional(Type.Boolean()),
  },
  { title: 'ClassDefinition' },
);
export type ClassView = Static<typeof ClassView>;

export const RelationTypeView = Type.Object(
  {
    name: Type.String(),
    inverse: Type.String({ description: 'The name read from target to source, e.g. used_by for depends_on' }),
    impact: Type.Union(
      [Type.Literal('source-to-target'), Type.Literal('target-to-source'), Type.Literal('both'), Type.Literal('none')],
      { description: 'The direction in which a change propagates along it' },
    ),
    description: Type.Optional(Type.String()),
  },
  { title: 'RelationTypeDefinition' },
);

export const ClassesView = Type.Object(
  { classes: Type.Array(ClassView), relationTypes: Type.Array(RelationTypeView) },
  { title: 'Model' },
);
export const ClassDetail = Type.Object(
  {
    name: Type.String(),
    lineage: Type.Array(Type.String()),
    statuses: Type.Array(Type.String()),
    identify: Type.Array(Type.String()),
    parent: Type.Optional(Type.String()),
    description: Type.Optional(Type.String()),
    attributes: Type.Optional(JsonObject),
    controlled: Type.Optional(Type.Boolean()),
  },
  { title: 'Class' },
);
export const ClassParams = Type.Object({ name: Type.String({ pattern: '^[a-z][a-z0-9_]*$' }) });
export const ClassApplyBody = Type.Object(
  {
    classes: Type.Optional(Type.Array(JsonObject)),
    relationTypes: Type.Optional(Type.Array(JsonObject)),
    message: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false, title: 'ModelDocument' },
);
export type ClassApplyBody = Static<typeof ClassApplyBody>;
