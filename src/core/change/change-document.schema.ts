import { Type, type Static } from '@sinclair/typebox';
import { CHANGE_TYPES } from '../lifecycle/change-lifecycle.js';
import { AnyMapping, CiRefText, Fields, NonEmptyText, OptionalText, Word } from '../shared/schema-words.js';

/** The shape of change.yaml (and of the API's change body); change-input.ts adds the rules across fields. */

// A class name may not hold a slash: `class/name` is how a CI is referred to.
const ClassName = NonEmptyText({ allOf: [{ not: { pattern: '/' }, 'x-message': 'may not contain a slash' }] });

const PlanCi = Fields({
  class: ClassName,
  name: NonEmptyText(),
  status: Type.Optional(NonEmptyText()),
  attributes: Type.Optional(AnyMapping),
  labels: Type.Optional(
    Type.Record(
      Type.String(),
      Type.Union([Type.String(), Type.Null()], { 'x-message': 'must be a string, or null to remove it' }),
      { 'x-message': 'must be a mapping (key: value)' },
    ),
  ),
});

const PlanRelation = Fields({
  type: NonEmptyText(),
  from: CiRefText,
  to: CiRefText,
  attributes: Type.Optional(AnyMapping),
});

/** A change's plan: the desired state of what it touches, and what it ends. */
export const PlanDocument = Fields(
  {
    cis: Type.Optional(Type.Array(PlanCi)),
    relations: Type.Optional(Type.Array(PlanRelation)),
    delete: Type.Optional(
      Fields({
        cis: Type.Optional(
          Type.Union([CiRefText, Type.Array(CiRefText)], { 'x-message': 'must be a list of CI references class/name' }),
        ),
        relations: Type.Optional(Type.Array(PlanRelation)),
      }),
    ),
    // Accepted here so that the rule (in change-input.ts) can say where they belong instead.
    classes: Type.Optional(Type.Unknown()),
    relationTypes: Type.Optional(Type.Unknown()),
  },
  { title: 'ChangePlan' },
);
export type PlanDocument = Static<typeof PlanDocument>;

const Instant = Type.Unknown({ description: 'an ISO-8601 time with a zone, e.g. 2026-12-01T22:00:00Z' });

/** change.yaml. YAML spells the plan texts in snake_case, JSON bodies may use camelCase. */
export const ChangeDocument = Fields(
  {
    type: Word(CHANGE_TYPES, { 'x-required': `is required (one of ${CHANGE_TYPES.join(', ')})` }),
    template: Type.Optional(NonEmptyText({ description: 'the standard change template (standard changes only)' })),
    title: NonEmptyText({ allOf: [{ maxLength: 200 }] }),
    description: Type.Optional(OptionalText),
    justification: Type.Optional(OptionalText),
    category: Type.Optional(OptionalText),
    assignee: Type.Optional(NonEmptyText()),
    window: Type.Optional(Fields({ start: Instant, end: Instant })),
    plan: Type.Unsafe<PlanDocument>({
      ...PlanDocument,
      'x-required': 'is required: the desired state of the CIs the change touches',
    }),
    implementation_plan: Type.Optional(OptionalText),
    implementationPlan: Type.Optional(OptionalText),
    test_plan: Type.Optional(OptionalText),
    testPlan: Type.Optional(OptionalText),
    backout_plan: Type.Optional(OptionalText),
    backoutPlan: Type.Optional(OptionalText),
  },
  { title: 'ChangeDocument', 'x-message': 'must be a mapping with type, title and plan' },
);
export type ChangeDocument = Static<typeof ChangeDocument>;
