import { Type, type Static } from '@sinclair/typebox';
import { KeyedBy } from '../core/shared/schema-words.js';
import { AtQuery, ItemList, JsonObject, MessageField, PageQuery, Page, StringMap } from './common.js';

export const CiView = Type.Object(
  {
    id: Type.String(),
    class: Type.String(),
    name: Type.String(),
    status: Type.String(),
    attributes: JsonObject,
    labels: StringMap,
    revision: Type.Integer({ description: 'The revision that wrote this version; also its ETag' }),
  },
  { title: 'Ci' },
);
export type CiView = Static<typeof CiView>;

export const RelationView = Type.Object(
  {
    id: Type.String(),
    type: Type.String(),
    from: Type.String(),
    to: Type.String(),
    attributes: JsonObject,
    revision: Type.Integer(),
    inverse: Type.String({ description: "the type's name read from `to` to `from`: used_by for depends_on" }),
  },
  { title: 'Relationship' },
);
export type RelationView = Static<typeof RelationView>;

export const CiPage = Page(CiView, 'CiPage');

export const ListCisQuery = Type.Composite([
  AtQuery,
  PageQuery,
  Type.Object({
    class: Type.Optional(Type.String({ description: 'Only CIs of this class or a subclass' })),
    status: Type.Optional(Type.Array(Type.String(), { description: 'Only these statuses (repeatable)' })),
    label: Type.Optional(
      Type.Array(Type.String({ pattern: '^[^=]+(=.*)?$' }), {
        description: 'k=v, or k alone (the label is set, whatever its value); repeatable',
      }),
    ),
    q: Type.Optional(
      Type.String({ maxLength: 200, description: 'Only CIs whose name contains this text, ignoring case' }),
    ),
    attr: Type.Optional(
      Type.Array(Type.String({ pattern: '^[^=]+=.*$' }), { description: 'k=v attribute equality, repeatable' }),
    ),
  }),
]);
export type ListCisQuery = Static<typeof ListCisQuery>;

export const PutCiBody = Type.Object(
  {
    status: Type.Optional(Type.String()),
    attributes: Type.Optional(JsonObject),
    labels: Type.Optional(KeyedBy(Type.Union([Type.String(), Type.Null()]))),
    message: MessageField,
  },
  { additionalProperties: false, title: 'CiUpsert' },
);
export type PutCiBody = Static<typeof PutCiBody>;

const Counts = Type.Object({ added: Type.Integer(), modified: Type.Integer(), removed: Type.Integer() });

export const WriteOutcome = Type.Object(
  {
    revision: Type.Union([Type.Integer(), Type.Null()], {
      description: 'The revision written; null when nothing changed',
    }),
    hash: Type.Union([Type.String(), Type.Null()]),
    cis: Counts,
    relations: Counts,
    classes: Type.Integer(),
    warnings: Type.Optional(
      Type.Array(Type.String(), { description: 'What was written but deserves a look, e.g. a name mixing scripts' }),
    ),
  },
  { title: 'WriteOutcome' },
);
export type WriteOutcome = Static<typeof WriteOutcome>;

export const PutCiResponse = Type.Composite([WriteOutcome, Type.Object({ ci: CiView })], { title: 'CiWritten' });

/** The desired-state document; its fields are checked in depth by the core (unknown fields are errors). */
export const ApplyBody = Type.Object(
  {
    classes: Type.Optional(ItemList(JsonObject)),
    relationTypes: Type.Optional(ItemList(JsonObject)),
    cis: Type.Optional(ItemList(JsonObject)),
    relations: Type.Optional(ItemList(JsonObject)),
    delete: Type.Optional(JsonObject),
    message: MessageField,
  },
  { additionalProperties: false, title: 'DesiredState' },
);
export type ApplyBody = Static<typeof ApplyBody>;

export const DeleteBody = Type.Object(
  {
    cis: Type.Array(Type.String({ pattern: '^[a-z][a-z0-9_]*/.+$' }), { minItems: 1, maxItems: 1000 }),
    message: MessageField,
  },
  { additionalProperties: false },
);
export type DeleteBody = Static<typeof DeleteBody>;

export const DeleteCiQuery = Type.Object({ message: Type.Optional(Type.String({ maxLength: 2000 })) });

export const ImpactReport = Type.Object(
  {
    root: Type.String(),
    count: Type.Integer(),
    impacted: Type.Array(
      Type.Object({
        ref: Type.String(),
        class: Type.String(),
        depth: Type.Integer(),
        path: Type.Array(Type.String()),
        via: Type.Array(Type.String(), { description: 'the stored relationship type of each step of the path' }),
        readAs: Type.Array(Type.String(), {
          description:
            "each step as it reads along the path: the type's name, or its inverse name where the path runs from target to source (orders-db used_by cart)",
        }),
      }),
    ),
  },
  { title: 'ImpactReport' },
);
export type ImpactReport = Static<typeof ImpactReport>;

const CiState = Type.Union([
  Type.Object({ status: Type.String(), attributes: JsonObject, labels: StringMap }),
  Type.Null(),
]);

const PlanAction = Type.Union([Type.Literal('add'), Type.Literal('modify'), Type.Literal('remove')]);

/** What apply would write (same shape as `cairn plan -o json`): the counts' lists, and the impact. */
export const PlanResult = Type.Object(
  {
    revision: Type.Null(),
    hash: Type.Null(),
    cis: Type.Array(Type.Object({ ref: Type.String(), action: PlanAction, before: CiState, after: CiState })),
    relations: Type.Array(Type.Object({ ref: Type.String(), action: PlanAction })),
    classes: Type.Integer(),
    impact: ImpactReport,
  },
  { title: 'Plan' },
);
export type PlanResult = Static<typeof PlanResult>;

export const PlanQuery = Type.Object({ depth: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 6 })) });

export const ImpactQuery = Type.Composite([
  AtQuery,
  Type.Object({
    ci: Type.Array(Type.String({ pattern: '^[a-z][a-z0-9_]*/.+$' }), {
      minItems: 1,
      maxItems: 100,
      description: 'class/name, repeatable',
    }),
    depth: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 6 })),
  }),
]);
export type ImpactQuery = Static<typeof ImpactQuery>;
